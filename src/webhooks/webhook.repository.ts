import { sql, type Transaction } from 'kysely'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema.js'
import type { StoredSecret } from '../db/tables/webhook.table.js'
import type { FeedPosition } from '../events/feed.repository.js'

type Reader = Db | Transaction<Database>

/** A team-scoped caller sees its team's subscriptions only; `onlyTeamId` null sees them all. */
export function findSubscription(db: Reader, id: string, onlyTeamId: string | null) {
  let query = db.selectFrom('webhookSubscriptions').selectAll().where('id', '=', id)
  if (onlyTeamId) query = query.where('teamId', '=', onlyTeamId)
  return query.executeTakeFirst()
}

export function lockSubscription(trx: Transaction<Database>, id: string, onlyTeamId: string | null) {
  let query = trx.selectFrom('webhookSubscriptions').selectAll().where('id', '=', id).forUpdate()
  if (onlyTeamId) query = query.where('teamId', '=', onlyTeamId)
  return query.executeTakeFirst()
}

export function listSubscriptions(db: Db, o: { after: string | null; limit: number; onlyTeamId: string | null }) {
  let query = db.selectFrom('webhookSubscriptions').selectAll().orderBy('id').limit(o.limit)
  if (o.after) query = query.where('id', '>', o.after)
  if (o.onlyTeamId) query = query.where('teamId', '=', o.onlyTeamId)
  return query.execute()
}

/** A new subscription, delivering from `from` on; due at once by the delivery clock (the database's, see delivery.repository.ts). */
export function insertSubscription(
  trx: Transaction<Database>,
  o: { id: string; name: string; url: string; eventTypes: string[]; teamId: string | null; secrets: StoredSecret[]; from: FeedPosition },
  by: { keyId: string | null; now: Date },
) {
  return trx
    .insertInto('webhookSubscriptions')
    .values({
      id: o.id,
      name: o.name,
      url: o.url,
      eventTypes: JSON.stringify(o.eventTypes),
      teamId: o.teamId,
      secrets: JSON.stringify(o.secrets),
      status: 'active',
      afterTx: o.from.tx,
      afterEventId: o.from.id,
      nextAttemptAt: sql<Date>`now()`,
      createdAt: by.now,
      updatedAt: by.now,
      createdByKeyId: by.keyId,
      updatedByKeyId: by.keyId,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** What a change may set on a subscription. */
export interface SubscriptionChange {
  name?: string
  url?: string
  eventTypes?: string[]
  secrets?: StoredSecret[]
  status?: 'active' | 'disabled'
  disabledReason?: string | null
  disabledAt?: Date | null
  consecutiveFailures?: number
  /** Moves the cursor: delivery goes on after this position. */
  cursor?: FeedPosition
  /** Due for delivery at once, by the delivery clock. */
  dueNow?: boolean
}

/** Writes a change over the subscription read at `version` (the caller holds it locked); its version moves on. */
export function updateSubscription(
  trx: Transaction<Database>,
  id: string,
  change: SubscriptionChange,
  by: { version: number; keyId: string | null; now: Date },
) {
  const { eventTypes, secrets, cursor, dueNow, ...columns } = change
  return trx
    .updateTable('webhookSubscriptions')
    .set({
      ...columns,
      ...(eventTypes ? { eventTypes: JSON.stringify(eventTypes) } : {}),
      ...(secrets ? { secrets: JSON.stringify(secrets) } : {}),
      ...(cursor ? { afterTx: cursor.tx, afterEventId: cursor.id } : {}),
      ...(dueNow ? { nextAttemptAt: sql<Date>`now()` } : {}),
      version: by.version + 1,
      updatedAt: by.now,
      updatedByKeyId: by.keyId,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** A subscription and its delivery log. */
export async function deleteSubscription(trx: Transaction<Database>, id: string): Promise<void> {
  await trx.deleteFrom('webhookDeliveries').where('subscriptionId', '=', id).execute()
  await trx.deleteFrom('webhookSubscriptions').where('id', '=', id).execute()
}

export function listDeliveries(
  db: Db,
  subscriptionId: string,
  o: { after: string | null; limit: number; status?: 'pending' | 'delivered' | 'failed' | 'skipped' },
) {
  let query = db
    .selectFrom('webhookDeliveries as d')
    .leftJoin('events as e', 'e.id', 'd.eventId')
    .selectAll('d')
    .select(sql<string | null>`e.tx::text`.as('tx'))
    .where('d.subscriptionId', '=', subscriptionId)
    .orderBy('d.id')
    .limit(o.limit)
  if (o.after) query = query.where('d.id', '>', o.after)
  if (o.status) query = query.where('d.status', '=', o.status)
  return query.execute()
}

/** Subscriptions whose secrets include one stored in clear (written before secrets were sealed). */
export function findSubscriptionsWithPlainSecrets(db: Db) {
  return db.selectFrom('webhookSubscriptions').select(['id', 'secrets']).where(sql<boolean>`jsonb_path_exists(secrets, '$[*].secret')`).execute()
}

export async function replaceSecrets(db: Db, id: string, secrets: string): Promise<void> {
  await db.updateTable('webhookSubscriptions').set({ secrets }).where('id', '=', id).execute()
}
