import { sql, type Transaction } from 'kysely'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema.js'

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
