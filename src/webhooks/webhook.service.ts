import { sql } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { ChangeContext } from '../context.js'
import type { Db } from '../db/database.js'
import type { StoredSecret, WebhookSubscriptionRow } from '../db/tables/webhook.table.js'
import type { CatalogueEventType } from '../events/event-catalogue.js'
import { encodePosition, type FeedPosition, feedHead } from '../events/feed.repository.js'
import { recordEvents } from '../events/outbox.js'
import { invalidField, invalidReference, notFound, ProblemError } from '../http/problems.js'
import { assertVersion } from '../http/versioning.js'
import { skipPendingDeliveries } from './delivery.repository.js'
import { countSigningSecrets, makeSigningSecret } from './signing-secrets.js'
import { checkResolvedTarget, checkTargetUrl, TargetRefusedError } from './target-policy.js'
import { deleteSubscription, lockSubscription } from './webhook.repository.js'
import type { WebhookCreate, WebhookUpdate } from './webhook.schemas.js'
import { resolveAllWith, type WebhookSettings } from './webhook-settings.js'

/** A URL as shown: without credentials (rows from before they were refused may still hold some). */
const withoutCredentials = (raw: string) => {
  const url = new URL(raw)
  url.username = ''
  url.password = ''
  return url.toString()
}

/** Never the secrets, the URL's credentials or the delivery machinery: `secret` is added once, when one is made. */
export const presentWebhook = (
  {
    secrets,
    afterTx,
    afterEventId,
    createdByKeyId: _c,
    updatedByKeyId: _u,
    nextAttemptAt: _n,
    leaseOwner: _o,
    leaseUntil: _l,
    url,
    ...row
  }: WebhookSubscriptionRow,
  now: Date,
) => ({
  ...row,
  url: withoutCredentials(url),
  deliveredThrough: encodePosition({ tx: String(afterTx), id: afterEventId }),
  signingSecrets: countSigningSecrets(secrets, now),
})

export function requireKey(settings: WebhookSettings): Buffer {
  if (!settings.secretKey)
    throw new ProblemError('service-unavailable', 'Webhooks need WEBHOOK_SECRET_KEY, which seals their signing secrets; the operator has not set it')
  return settings.secretKey
}

/** SSRF: the URL and every address its host resolves to now must be allowed (each delivery checks again). */
async function assertTarget(url: string, settings: WebhookSettings): Promise<void> {
  try {
    await checkResolvedTarget(checkTargetUrl(url, settings.policy), settings.policy, resolveAllWith(settings.lookup))
  } catch (error) {
    if (error instanceof TargetRefusedError) throw invalidField('url', error.message)
    throw error
  }
}

/** A new subscription receives what happens from now on (the feed's current head), of its team only when it has one. */
export async function createWebhook(db: Db, ctx: ChangeContext, settings: WebhookSettings, input: WebhookCreate) {
  const key = requireKey(settings)
  const scope = ctx.caller.teamId
  if (scope && input.teamId && input.teamId !== scope) throw invalidReference('teamId', `team ${input.teamId}`)
  const teamId = scope ?? input.teamId ?? null
  await assertTarget(input.url, settings)
  const id = uuidv7()
  const { secret, stored } = makeSigningSecret(key, id, ctx.now)
  const head = await feedHead(db)
  const row = await db.transaction().execute(async (trx) => {
    if (teamId && !(await trx.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst())) throw invalidReference('teamId', `team ${teamId}`)
    const created = await trx
      .insertInto('webhookSubscriptions')
      .values({
        id,
        name: input.name,
        url: input.url,
        eventTypes: JSON.stringify(input.eventTypes),
        teamId,
        secrets: JSON.stringify([stored]),
        status: 'active',
        afterTx: head.tx,
        afterEventId: head.id,
        createdByKeyId: ctx.caller.keyId,
        updatedByKeyId: ctx.caller.keyId,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordEvents(trx, ctx, [
      { type: 'webhook.created', subjectType: 'webhook_subscription', subjectId: id, teamId, data: { eventTypes: input.eventTypes } },
    ])
    return created
  })
  return { ...presentWebhook(row, ctx.now), secret }
}

type Change = Record<string, unknown>

/**
 * One change to a subscription the caller may see (another team's is not found), with its event, in
 * one transaction. A lane delivering to it notices (the version moved) and hands it back; when the
 * cursor or the event types change, attempts still being retried are marked skipped.
 */
async function change(
  db: Db,
  ctx: ChangeContext,
  id: string,
  expected: number | null,
  type: CatalogueEventType,
  fn: (row: WebhookSubscriptionRow) => Change,
  data: (row: WebhookSubscriptionRow) => Record<string, unknown>,
) {
  return db.transaction().execute(async (trx) => {
    const current = await lockSubscription(trx, id, ctx.caller.teamId)
    if (!current) throw notFound(`Webhook ${id}`)
    assertVersion(current.version, expected)
    const updated = await trx
      .updateTable('webhookSubscriptions')
      .set({ ...fn(current), version: current.version + 1, updatedAt: ctx.now, updatedByKeyId: ctx.caller.keyId } as never)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    const moved = String(updated.afterTx) !== String(current.afterTx) || updated.afterEventId !== current.afterEventId
    if (moved || updated.eventTypes.join() !== current.eventTypes.join()) await skipPendingDeliveries(trx, id)
    // The version tells delivery lanes, which read this event in the feed, that the subscription changed.
    await recordEvents(trx, ctx, [
      { type, subjectType: 'webhook_subscription', subjectId: id, teamId: current.teamId, data: { ...data(current), version: updated.version } },
    ])
    return updated
  })
}

export async function updateWebhook(db: Db, ctx: ChangeContext, settings: WebhookSettings, id: string, patch: WebhookUpdate, expected: number | null) {
  if (patch.url) await assertTarget(patch.url, settings)
  const row = await change(
    db,
    ctx,
    id,
    expected,
    'webhook.updated',
    (current) => ({
      ...(patch.name ? { name: patch.name } : {}),
      ...(patch.url ? { url: patch.url } : {}),
      ...(patch.eventTypes ? { eventTypes: JSON.stringify(patch.eventTypes) } : {}),
      ...(patch.status === 'active' && current.status !== 'active'
        ? { status: 'active', disabledReason: null, disabledAt: null, consecutiveFailures: 0, nextAttemptAt: sql`now()` }
        : {}),
      ...(patch.status === 'disabled' && current.status !== 'disabled'
        ? { status: 'disabled', disabledReason: 'Disabled by an administrator', disabledAt: ctx.now }
        : {}),
    }),
    () => ({ fields: Object.keys(patch) }),
  )
  return presentWebhook(row, ctx.now)
}

/** A new secret signs from now on; the old ones keep signing for the grace period, so receivers can switch over. */
export async function rotateWebhookSecret(
  db: Db,
  ctx: ChangeContext,
  settings: WebhookSettings,
  id: string,
  previousValidForHours: number,
  expected: number | null,
) {
  const key = requireKey(settings)
  const { secret, stored } = makeSigningSecret(key, id, ctx.now)
  const until = new Date(ctx.now.getTime() + previousValidForHours * 3_600_000).toISOString()
  const row = await change(
    db,
    ctx,
    id,
    expected,
    'webhook.secret-rotated',
    (current) => ({
      secrets: JSON.stringify([
        stored,
        ...current.secrets
          .filter((s) => !s.expiresAt || new Date(s.expiresAt) > ctx.now)
          .map((s) => ({ ...s, expiresAt: s.expiresAt && s.expiresAt < until ? s.expiresAt : until })),
      ] satisfies StoredSecret[]),
    }),
    () => ({ previousValidForHours }),
  )
  return { ...presentWebhook(row, ctx.now), secret }
}

/** Ends a subscription: nothing more is delivered, and its delivery log goes with it. */
export async function deleteWebhook(db: Db, ctx: ChangeContext, id: string, expected: number | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await lockSubscription(trx, id, ctx.caller.teamId)
    if (!current) throw notFound(`Webhook ${id}`)
    assertVersion(current.version, expected)
    await deleteSubscription(trx, id)
    await recordEvents(trx, ctx, [
      { type: 'webhook.deleted', subjectType: 'webhook_subscription', subjectId: id, teamId: current.teamId, data: { name: current.name } },
    ])
  })
}

const compare = (a: FeedPosition, b: FeedPosition) => {
  const tx = BigInt(a.tx) - BigInt(b.tx)
  return tx !== 0n ? (tx < 0n ? -1 : 1) : a.id - b.id
}

/** Delivers again, in order, every event of the subscription from `from` on; only backwards, never skipping ahead. */
export async function replayWebhook(db: Db, ctx: ChangeContext, id: string, from: FeedPosition, expected: number | null) {
  const reachedBy = (row: WebhookSubscriptionRow) => ({ tx: String(row.afterTx), id: row.afterEventId })
  // Positions are (transaction, id) in order and ids are unique, so (tx, id - 1) is just before the event at `from`.
  const before = { tx: from.tx, id: from.id - 1 }
  const row = await change(
    db,
    ctx,
    id,
    expected,
    'webhook.replayed',
    (current) => {
      if (compare(before, reachedBy(current)) > 0)
        throw invalidField('from', `is after ${encodePosition(reachedBy(current))}, where the subscription has delivered through; a replay only goes back`)
      return { afterTx: before.tx, afterEventId: before.id, consecutiveFailures: 0, nextAttemptAt: sql`now()` }
    },
    (current) => ({ from: encodePosition(from), deliveredThrough: encodePosition(reachedBy(current)) }),
  )
  return presentWebhook(row, ctx.now)
}
