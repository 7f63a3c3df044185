import type { ChangeContext } from '../context.js'
import type { Db } from '../db/database.js'
import type { WebhookSubscriptionRow } from '../db/tables/webhook.table.js'
import { runInTransaction } from '../db/transaction.js'
import type { CatalogueEventType } from '../events/event-catalogue.js'
import { recordEvents } from '../events/outbox.js'
import { notFound } from '../http/problems.js'
import { assertVersion, type VersionCondition } from '../http/versioning.js'
import { skipPendingDeliveries } from './delivery.repository.js'
import { lockSubscription, type SubscriptionChange, updateSubscription } from './webhook.repository.js'

/**
 * One change to a subscription the caller may see (another team's is not found), with its event, in
 * one transaction. A lane delivering to it notices (the version moved) and hands it back; when the
 * cursor or the event types change, attempts still being retried are marked skipped.
 */
export function changeSubscription(
  db: Db,
  ctx: ChangeContext,
  id: string,
  expected: VersionCondition,
  type: CatalogueEventType,
  fn: (row: WebhookSubscriptionRow) => SubscriptionChange,
  data: (row: WebhookSubscriptionRow) => Record<string, unknown>,
) {
  return runInTransaction(db, async (trx) => {
    const current = await lockSubscription(trx, id, ctx.caller.teamId)
    if (!current) throw notFound(`Webhook ${id}`)
    assertVersion(current.version, expected)
    const updated = await updateSubscription(trx, id, fn(current), { version: current.version, keyId: ctx.caller.keyId, now: ctx.now })
    const moved = String(updated.afterTx) !== String(current.afterTx) || updated.afterEventId !== current.afterEventId
    if (moved || updated.eventTypes.join() !== current.eventTypes.join()) await skipPendingDeliveries(trx, id, ctx.now)
    // The version tells delivery lanes, which read this event in the feed, that the subscription changed.
    await recordEvents(trx, ctx, [
      { type, subjectType: 'webhook_subscription', subjectId: id, teamId: current.teamId, data: { ...data(current), version: updated.version } },
    ])
    return updated
  })
}
