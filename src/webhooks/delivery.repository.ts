import { sql, type Transaction } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema.js'
import type { Attempt, WebhookSubscriptionRow } from '../db/tables/webhook.table.js'
import type { FeedPosition } from '../events/feed.repository.js'

/**
 * The delivery schedule (leases, backoff, when a subscription is next due) is on the database's clock
 * (clock_timestamp()), the one clock every instance shares. The delivery log's createdAt/updatedAt are the
 * lane's `now`, like its attempts' times.
 */
const leaseEnd = (leaseMs: number) => sql`clock_timestamp() + make_interval(secs => ${leaseMs / 1000})`
const cursorIs = (p: FeedPosition) => sql<boolean>`after_tx = ${p.tx}::xid8 AND after_event_id = ${p.id}`

/**
 * Claims up to `limit` active subscriptions that are due and have events after their cursor, for
 * `owner`, until the lease ends. SKIP LOCKED and the lease keep two instances off the same subscription.
 * "Events after the cursor" counts only stable events (see feed.repository.ts), as the lanes read them.
 */
export async function claimDueSubscriptions(db: Db, owner: string, limit: number, leaseMs: number): Promise<WebhookSubscriptionRow[]> {
  const { rows } = await sql<WebhookSubscriptionRow>`
    WITH head AS (
      SELECT tx, id FROM events WHERE tx < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY tx DESC, id DESC LIMIT 1
    ), due AS (
      SELECT s.id FROM webhook_subscriptions s, head
       WHERE s.status = 'active' AND s.next_attempt_at <= clock_timestamp()
         AND (s.lease_until IS NULL OR s.lease_until < clock_timestamp())
         AND (s.after_tx, s.after_event_id) < (head.tx, head.id)
       ORDER BY s.next_attempt_at
       LIMIT ${limit}
       FOR UPDATE OF s SKIP LOCKED
    )
    UPDATE webhook_subscriptions s SET lease_owner = ${owner}, lease_until = ${leaseEnd(leaseMs)}
      FROM due WHERE s.id = due.id
    RETURNING s.*`.execute(db)
  return rows
}

/** What a lane holds: the subscription at the cursor it last saved, for this owner. */
interface Held {
  id: string
  owner: string
  from: FeedPosition
}
const held = (o: Held) => sql<boolean>`id = ${o.id} AND lease_owner = ${o.owner} AND ${cursorIs(o.from)}`

const attemptsInput = (attempts: LoggedAttempt[]) =>
  JSON.stringify(
    attempts.map((a) => ({ id: uuidv7(), event_id: a.eventId, event_type: a.eventType, attempt: a.attempt, delivered: a.delivered, at: a.attempt.at })),
  )

/**
 * The delivery log's part of a save, as CTEs over `input`: attempts at an event still being retried
 * collect on its one pending row (unique per subscription and event while pending), which becomes
 * delivered when one succeeds; any other attempt is a new row.
 */
const logFromInput = (subscriptionId: string, now: Date) => sql`
  retried AS (
    UPDATE webhook_deliveries d
       SET status = CASE WHEN i.delivered THEN 'delivered' ELSE 'pending' END,
           attempts = d.attempts || jsonb_build_array(i.attempt),
           delivered_at = CASE WHEN i.delivered THEN i.at END,
           updated_at = ${now}
      FROM input i
     WHERE d.subscription_id = ${subscriptionId} AND d.status = 'pending' AND d.event_id = i.event_id
    RETURNING d.event_id
  ), logged AS (
    INSERT INTO webhook_deliveries (id, subscription_id, event_id, event_type, status, attempts, delivered_at, created_at, updated_at)
    SELECT i.id, ${subscriptionId}, i.event_id, i.event_type, CASE WHEN i.delivered THEN 'delivered' ELSE 'pending' END,
           jsonb_build_array(i.attempt), CASE WHEN i.delivered THEN i.at END, ${now}::timestamptz, ${now}::timestamptz
      FROM input i
     WHERE i.event_id NOT IN (SELECT event_id FROM retried)
    RETURNING 1
  )`

const INPUT_COLUMNS = sql`i(id uuid, event_id bigint, event_type text, attempt jsonb, delivered boolean, at timestamptz)`

/**
 * In one statement: moves the cursor from `from` to `to`, renews the lease and logs the deliveries,
 * only if `owner` still holds the subscription where it left it (not replayed, deleted or claimed by
 * another instance meanwhile). False otherwise, and the lane stops: what it delivered since it last
 * saved will be delivered again. (Other changes reach a lane through the feed: see delivery-lane.ts.)
 */
export async function saveProgress(db: Db, o: Held & { to: FeedPosition; leaseMs: number; now: Date }, delivered: LoggedAttempt[]): Promise<boolean> {
  const { rows } = await sql<{ moved: number }>`
    WITH moved AS (
      UPDATE webhook_subscriptions
         SET after_tx = ${o.to.tx}::xid8, after_event_id = ${o.to.id}, lease_until = ${leaseEnd(o.leaseMs)},
             consecutive_failures = CASE WHEN ${delivered.length > 0} THEN 0 ELSE consecutive_failures END
       WHERE ${held(o)}
      RETURNING id
    ), input AS (
      SELECT * FROM jsonb_to_recordset(${attemptsInput(delivered)}::jsonb) AS ${INPUT_COLUMNS} WHERE EXISTS (SELECT 1 FROM moved)
    ), ${logFromInput(o.id, o.now)}
    SELECT count(*)::int AS moved FROM moved`.execute(db)
  return rows[0].moved === 1
}

/**
 * A failed attempt: the cursor stays before the failing event, and the subscription waits
 * `base * 2^(failures so far)` seconds (at most `cap`) and is released for any instance to retry.
 */
export function recordFailure(trx: Transaction<Database>, o: Held & { version: number; to: FeedPosition; baseSeconds: number; capSeconds: number }) {
  return trx
    .updateTable('webhookSubscriptions')
    .set({
      afterTx: o.to.tx,
      afterEventId: o.to.id,
      consecutiveFailures: sql`consecutive_failures + 1`,
      nextAttemptAt: sql`clock_timestamp() + make_interval(secs => least(${o.baseSeconds}::float8 * power(2, consecutive_failures), ${o.capSeconds}::float8))`,
      leaseOwner: null,
      leaseUntil: null,
    })
    .where(held(o))
    .where('version', '=', o.version)
    .returning(['status', 'consecutiveFailures', 'teamId'])
    .executeTakeFirst()
}

export async function disableSubscription(trx: Transaction<Database>, id: string, reason: string, now: Date): Promise<void> {
  await trx
    .updateTable('webhookSubscriptions')
    .set((eb) => ({ status: 'disabled', disabledReason: reason, disabledAt: now, updatedAt: now, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute()
}

/** Lets any instance take the subscription again, from `retryInMs` on. */
export async function releaseSubscription(db: Db, id: string, owner: string, retryInMs = 0): Promise<void> {
  await db
    .updateTable('webhookSubscriptions')
    .set({ leaseOwner: null, leaseUntil: null, nextAttemptAt: sql`clock_timestamp() + make_interval(secs => ${retryInMs / 1000})` })
    .where('id', '=', id)
    .where('leaseOwner', '=', owner)
    .execute()
}

export interface LoggedAttempt {
  eventId: number
  eventType: string
  attempt: Attempt
  delivered: boolean
}

/** Logs attempts (see logFromInput) inside a transaction that has already checked the subscription is held. */
export async function logAttempts(trx: Transaction<Database>, subscriptionId: string, attempts: LoggedAttempt[], now: Date): Promise<void> {
  if (attempts.length === 0) return
  await sql`
    WITH input AS (SELECT * FROM jsonb_to_recordset(${attemptsInput(attempts)}::jsonb) AS ${INPUT_COLUMNS}), ${logFromInput(subscriptionId, now)}
    SELECT 1`.execute(trx)
}

/** Attempts at events that will not be retried as such (a replay, or the event types changed): marked skipped. */
export async function skipPendingDeliveries(trx: Transaction<Database>, subscriptionId: string, now: Date): Promise<void> {
  await trx
    .updateTable('webhookDeliveries')
    .set({ status: 'skipped', updatedAt: now })
    .where('subscriptionId', '=', subscriptionId)
    .where('status', '=', 'pending')
    .execute()
}
