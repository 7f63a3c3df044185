import type { WebhookSubscriptionRow } from '../db/tables/webhook.table.js'
import { runInTransaction } from '../db/transaction.js'
import type { FeedPosition } from '../events/feed.repository.js'
import { recordEvents } from '../events/outbox.js'
import { disableSubscription, type LoggedAttempt, logAttempts, recordFailure } from './delivery.repository.js'
import type { LaneContext } from './delivery-lane.js'

const SYSTEM = { keyId: null, role: 'admin' as const, teamId: null, actingUser: 'system:webhooks' }

/**
 * A lane's failed attempt, logged with the deliveries before it not yet saved: the subscription backs off with its cursor at `to`, just before the failing event, and after
 * `disableAfter` failures in a row it is disabled (a `webhook.disabled` event). Nothing is written when
 * the lane no longer holds the subscription where it left it.
 */
export async function recordFailedAttempt(
  ctx: Pick<LaneContext, 'db' | 'owner' | 'tuning'>,
  sub: WebhookSubscriptionRow,
  o: { from: FeedPosition; to: FeedPosition; delivered: LoggedAttempt[]; failed: LoggedAttempt },
): Promise<void> {
  const { tuning } = ctx
  await runInTransaction(ctx.db, async (trx) => {
    const now = new Date()
    const row = await recordFailure(trx, {
      id: sub.id,
      owner: ctx.owner,
      version: sub.version,
      from: o.from,
      to: o.to,
      baseSeconds: tuning.retryDelaySeconds,
      capSeconds: tuning.maxRetryDelaySeconds,
    })
    if (!row) return
    await logAttempts(trx, sub.id, [...o.delivered, o.failed], now)
    if (row.status !== 'active' || row.consecutiveFailures < tuning.disableAfter) return
    const reason =
      `Disabled after ${row.consecutiveFailures} consecutive failed delivery attempts (last: ${o.failed.attempt.error}) at ${now.toISOString()}; ` +
      're-enable with PATCH status=active: delivery resumes with this event'
    await disableSubscription(trx, sub.id, reason, now)
    await recordEvents(trx, { caller: SYSTEM, requestId: `webhook-delivery-${sub.id}-${o.failed.eventId}`, now }, [
      {
        type: 'webhook.disabled',
        subjectType: 'webhook_subscription',
        subjectId: sub.id,
        teamId: row.teamId,
        data: { consecutiveFailures: row.consecutiveFailures, lastError: o.failed.attempt.error },
      },
    ])
  })
}
