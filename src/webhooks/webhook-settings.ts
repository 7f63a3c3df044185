import { lookup as dnsLookup } from 'node:dns'
import { isIP, type LookupFunction } from 'node:net'
import type { Config } from '../config.js'
import { parseSecretKey } from './secret-key.js'
import type { ResolveAll, TargetPolicy } from './target-policy.js'

/** What the webhook routes and the delivery worker share, derived from the configuration once. */
export interface WebhookSettings {
  /** Seals signing secrets at rest; null when none is configured (see secret-key.ts). */
  secretKey: Buffer | null
  policy: TargetPolicy
  /** The time allowed for one delivery: connecting, sending and the response. */
  timeoutMs: number
  /** Subscriptions delivered to at once by one instance. */
  concurrency: number
  /** How host names are resolved (dns.lookup); tests give their own to play a DNS server. */
  lookup: LookupFunction
}

/** The database's port: an HTTP request to it is never a webhook. */
function databasePort(config: Config): number {
  if (!config.DATABASE_URL) return config.EMBEDDED_PG_PORT
  const port = new URL(config.DATABASE_URL).port
  return port ? Number(port) : 5432
}

export function webhookSettings(
  config: Config,
  secretKey: Buffer | null = config.WEBHOOK_SECRET_KEY ? parseSecretKey(config.WEBHOOK_SECRET_KEY) : null,
): WebhookSettings {
  return {
    secretKey,
    policy: { allowPrivate: config.WEBHOOK_ALLOW_PRIVATE_TARGETS, protectedPorts: [databasePort(config)] },
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    concurrency: config.WEBHOOK_CONCURRENCY,
    lookup: dnsLookup,
  }
}

/** Every address of a host, through the settings' lookup. */
export const resolveAllWith =
  (lookup: LookupFunction): ResolveAll =>
  (host) =>
    new Promise((resolve, reject) =>
      lookup(host, { all: true }, (err, addresses) =>
        err ? reject(err) : resolve(Array.isArray(addresses) ? addresses : [{ address: addresses, family: isIP(addresses) }]),
      ),
    )
