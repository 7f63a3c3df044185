import type { Db } from '../db/database.js'
import type { StoredSecret } from '../db/tables/webhook.table.js'
import { openSecret, SecretKeyMismatchError, sealSecret } from './secret-box.js'
import { newWebhookSecret } from './signing.js'
import { findSubscriptionsWithPlainSecrets, replaceSecrets } from './webhook.repository.js'

const valid = (s: StoredSecret, now: Date) => !s.expiresAt || new Date(s.expiresAt) > now

/** A new signing secret for a subscription: in clear to show once, sealed to store. */
export function makeSigningSecret(key: Buffer, subscriptionId: string, now: Date): { secret: string; stored: StoredSecret } {
  const secret = newWebhookSecret()
  return { secret, stored: { sealed: sealSecret(key, secret, subscriptionId), createdAt: now.toISOString(), expiresAt: null } }
}

function opened(key: Buffer, subscriptionId: string, s: StoredSecret): string {
  if (s.sealed) return openSecret(key, s.sealed, subscriptionId)
  if (s.secret !== undefined) return s.secret
  throw new SecretKeyMismatchError('the stored secret is neither sealed nor in clear')
}

/** The secrets that sign a delivery now (two during a rotation's grace period), opened. */
export function signingSecrets(key: Buffer, subscriptionId: string, stored: StoredSecret[], now: Date): string[] {
  return stored.filter((s) => valid(s, now)).map((s) => opened(key, subscriptionId, s))
}

export const countSigningSecrets = (stored: StoredSecret[], now: Date) => stored.filter((s) => valid(s, now)).length

/**
 * Seals every secret still stored in clear (rows written before secrets were sealed): run at start,
 * since migrations do not have the key. Returns how many subscriptions were changed.
 */
export async function sealPlainSecrets(db: Db, key: Buffer): Promise<number> {
  const rows = await findSubscriptionsWithPlainSecrets(db)
  for (const row of rows) {
    const sealed = row.secrets.map(({ secret, ...rest }) => (secret === undefined ? rest : { ...rest, sealed: sealSecret(key, secret, row.id) }))
    await replaceSecrets(db, row.id, JSON.stringify(sealed))
  }
  return rows.length
}
