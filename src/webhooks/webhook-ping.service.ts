import { v7 as uuidv7 } from 'uuid'
import type { Caller } from '../context.js'
import type { Db } from '../db/database.js'
import { notFound, ProblemError } from '../http/problems.js'
import { SecretKeyMismatchError } from './secret-box.js'
import { signatureHeaders } from './signing.js'
import { signingSecrets } from './signing-secrets.js'
import { findSubscription } from './webhook.repository.js'
import { requireKey } from './webhook.service.js'
import type { WebhookClient } from './webhook-client.js'
import type { WebhookSettings } from './webhook-settings.js'

/**
 * Sends a signed `webhook.ping` to the subscription's URL now, whatever its status, through the same
 * address checks as deliveries, and says how the receiver answered. Not logged, not retried.
 */
export async function pingWebhook(db: Db, caller: Caller, settings: WebhookSettings, client: WebhookClient, id: string) {
  const key = requireKey(settings)
  const row = await findSubscription(db, id, caller.teamId)
  if (!row) throw notFound(`Webhook ${id}`)
  // The signature carries the real time: receivers reject old timestamps.
  const now = new Date()
  let secrets: string[]
  try {
    secrets = signingSecrets(key, row.id, row.secrets, now)
  } catch (error) {
    if (error instanceof SecretKeyMismatchError) throw new ProblemError('unprocessable', `The signing secret cannot be read: ${error.message}; rotate it`)
    throw error
  }
  const webhookId = `ping_${uuidv7()}`
  const body = JSON.stringify({ type: 'webhook.ping', timestamp: now.toISOString(), data: { subscriptionId: row.id } })
  const headers = signatureHeaders(secrets, webhookId, Math.floor(now.getTime() / 1000), body)
  const outcome = await client.post(row.url, { 'content-type': 'application/json', 'user-agent': 'family-work-api-webhooks', ...headers }, body)
  // Only an abort signal makes the outcome null, and a ping passes none.
  if (!outcome) throw new Error('The ping was aborted')
  return { webhookId, delivered: outcome.error === null, ...outcome }
}
