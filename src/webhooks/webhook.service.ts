import { v7 as uuidv7 } from 'uuid'
import type { Db } from '../db/database.js'
import { feedHead } from '../events/feed.repository.js'
import { recordEvents } from '../events/outbox.js'
import type { ChangeContext } from '../http/context.js'
import { invalidReference, notFound } from '../http/problems.js'
import { assertVersion } from '../http/versioning.js'
import { newWebhookSecret } from './signing.js'
import type { StoredSecret, WebhookSubscriptionRow } from './webhook.table.js'
import type { WebhookCreate, WebhookUpdate } from './webhook.schemas.js'

/** Never the secrets: only how many sign now; `secret` is added once, when one is made. */
export const presentWebhook = ({ secrets, afterTx: _t, afterEventId: _e, createdByKeyId: _c, updatedByKeyId: _u, ...row }: WebhookSubscriptionRow, now: Date) =>
  ({ ...row, signingSecrets: secrets.filter((s) => !s.expiresAt || new Date(s.expiresAt) > now).length })

/** A new subscription receives what happens from now on (the feed's current head). */
export async function createWebhook(db: Db, ctx: ChangeContext, input: WebhookCreate) {
  const secret = newWebhookSecret()
  const head = await feedHead(db)
  const row = await db.transaction().execute(async (trx) => {
    if (input.teamId && !(await trx.selectFrom('teams').select('id').where('id', '=', input.teamId).executeTakeFirst())) throw invalidReference('teamId', `team ${input.teamId}`)
    const created = await trx.insertInto('webhookSubscriptions').values({
      id: uuidv7(), name: input.name, url: input.url, eventTypes: JSON.stringify(input.eventTypes), teamId: input.teamId ?? null,
      secrets: JSON.stringify([{ secret, createdAt: ctx.now.toISOString(), expiresAt: null } satisfies StoredSecret]), status: 'active',
      afterTx: head.tx, afterEventId: head.id, createdByKeyId: ctx.caller.keyId, updatedByKeyId: ctx.caller.keyId,
    }).returningAll().executeTakeFirstOrThrow()
    await recordEvents(trx, ctx, [{ type: 'webhook.created', subjectType: 'webhook_subscription', subjectId: created.id, teamId: created.teamId, data: { eventTypes: input.eventTypes } }])
    return created
  })
  return { ...presentWebhook(row, ctx.now), secret }
}

async function change(db: Db, ctx: ChangeContext, id: string, expected: number | null, type: string, fn: (row: WebhookSubscriptionRow) => Record<string, unknown>, data: Record<string, unknown>) {
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('webhookSubscriptions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
    if (!current) throw notFound(`Webhook ${id}`)
    assertVersion(current.version, expected)
    const updated = await trx.updateTable('webhookSubscriptions').set({ ...fn(current), version: current.version + 1, updatedAt: ctx.now, updatedByKeyId: ctx.caller.keyId } as never)
      .where('id', '=', id).returningAll().executeTakeFirstOrThrow()
    await recordEvents(trx, ctx, [{ type, subjectType: 'webhook_subscription', subjectId: id, teamId: current.teamId, data }])
    return updated
  })
}

export async function updateWebhook(db: Db, ctx: ChangeContext, id: string, patch: WebhookUpdate, expected: number | null) {
  const row = await change(db, ctx, id, expected, 'webhook.updated', (current) => ({
    ...(patch.name ? { name: patch.name } : {}),
    ...(patch.url ? { url: patch.url } : {}),
    ...(patch.eventTypes ? { eventTypes: JSON.stringify(patch.eventTypes) } : {}),
    ...(patch.status === 'active' && current.status !== 'active' ? { status: 'active', disabledReason: null, disabledAt: null, consecutiveFailures: 0 } : {}),
    ...(patch.status === 'disabled' && current.status !== 'disabled' ? { status: 'disabled', disabledReason: 'Disabled by an administrator', disabledAt: ctx.now } : {}),
  }), { fields: Object.keys(patch) })
  return presentWebhook(row, ctx.now)
}

/** A new secret signs from now on; the old ones keep signing for the grace period, so receivers can switch over. */
export async function rotateWebhookSecret(db: Db, ctx: ChangeContext, id: string, previousValidForHours: number, expected: number | null) {
  const secret = newWebhookSecret()
  const until = new Date(ctx.now.getTime() + previousValidForHours * 3_600_000).toISOString()
  const row = await change(db, ctx, id, expected, 'webhook.secret-rotated', (current) => ({
    secrets: JSON.stringify([
      { secret, createdAt: ctx.now.toISOString(), expiresAt: null },
      ...current.secrets.filter((s) => !s.expiresAt || new Date(s.expiresAt) > ctx.now).map((s) => ({ ...s, expiresAt: s.expiresAt && s.expiresAt < until ? s.expiresAt : until })),
    ] satisfies StoredSecret[]),
  }), { previousValidForHours })
  return { ...presentWebhook(row, ctx.now), secret }
}
