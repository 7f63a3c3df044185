import type { Caller, ChangeContext } from '../context.js'
import type { Db } from '../db/database.js'
import type { StoredSecret, WebhookSubscriptionRow } from '../db/tables/webhook.table.js'
import { decodePosition, encodePosition, type FeedPosition } from '../events/feed.repository.js'
import { decodeCursor, toPage } from '../http/pagination.js'
import { invalidField, notFound } from '../http/problems.js'
import type { VersionCondition } from '../http/versioning.js'
import { makeSigningSecret } from './signing-secrets.js'
import { findSubscription, listDeliveries } from './webhook.repository.js'
import type { DeliveryListFilters, SecretRotation, WebhookReplay } from './webhook.schemas.js'
import { presentWebhook, requireKey } from './webhook.service.js'
import { changeSubscription } from './webhook-change.service.js'
import type { WebhookSettings } from './webhook-settings.js'

/** How long the old secret keeps signing after a rotation when the caller does not say. */
const DEFAULT_PREVIOUS_VALID_FOR_HOURS = 24

/** A new secret signs from now on; the old ones keep signing for the grace period, so receivers can switch over. */
export async function rotateWebhookSecret(
  db: Db,
  ctx: ChangeContext,
  settings: WebhookSettings,
  id: string,
  input: SecretRotation,
  expected: VersionCondition,
) {
  const previousValidForHours = input.previousValidForHours ?? DEFAULT_PREVIOUS_VALID_FOR_HOURS
  const key = requireKey(settings)
  const { secret, stored } = makeSigningSecret(key, id, ctx.now)
  const until = new Date(ctx.now.getTime() + previousValidForHours * 3_600_000).toISOString()
  const row = await changeSubscription(
    db,
    ctx,
    id,
    expected,
    'webhook.secret-rotated',
    (current) => ({
      secrets: [
        stored,
        ...current.secrets
          .filter((s) => !s.expiresAt || new Date(s.expiresAt) > ctx.now)
          .map((s): StoredSecret => ({ ...s, expiresAt: s.expiresAt && s.expiresAt < until ? s.expiresAt : until })),
      ],
    }),
    () => ({ previousValidForHours }),
  )
  return { ...presentWebhook(row, ctx.now), secret }
}

const compare = (a: FeedPosition, b: FeedPosition) => {
  const tx = BigInt(a.tx) - BigInt(b.tx)
  return tx !== 0n ? (tx < 0n ? -1 : 1) : a.id - b.id
}

/** Delivers again, in order, every event of the subscription from `from` on; only backwards, never skipping ahead. */
export async function replayWebhook(db: Db, ctx: ChangeContext, id: string, input: WebhookReplay, expected: VersionCondition) {
  const from = decodePosition(input.from)
  if (!from) throw invalidField('from', 'is not a feed position')
  const reachedBy = (row: WebhookSubscriptionRow) => ({ tx: String(row.afterTx), id: row.afterEventId })
  // Positions are (transaction, id) in order and ids are unique, so (tx, id - 1) is just before the event at `from`.
  const before = { tx: from.tx, id: from.id - 1 }
  const row = await changeSubscription(
    db,
    ctx,
    id,
    expected,
    'webhook.replayed',
    (current) => {
      if (compare(before, reachedBy(current)) > 0)
        throw invalidField('from', `is after ${encodePosition(reachedBy(current))}, where the subscription has delivered through; a replay only goes back`)
      return { cursor: before, consecutiveFailures: 0, dueNow: true }
    },
    (current) => ({ from: encodePosition(from), deliveredThrough: encodePosition(reachedBy(current)) }),
  )
  return presentWebhook(row, ctx.now)
}

/** The delivery log of a subscription the caller may see, oldest first, each entry with its event's feed position. */
export async function listWebhookDeliveries(db: Db, caller: Caller, id: string, query: DeliveryListFilters) {
  const { limit = 50, cursor, status } = query
  if (!(await findSubscription(db, id, caller.teamId))) throw notFound(`Webhook ${id}`)
  const rows = await listDeliveries(db, id, { after: decodeCursor(cursor), limit: limit + 1, status })
  return toPage(
    rows.map(({ tx, updatedAt: _u, ...d }) => ({ ...d, position: tx === null ? null : encodePosition({ tx, id: d.eventId }) })),
    limit,
  )
}
