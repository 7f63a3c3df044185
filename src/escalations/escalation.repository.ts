import type { Db } from '../db/database.js'
import type { EscalationListFilters } from './escalation.schemas.js'

export const findEscalationById = (db: Db, id: string) => db.selectFrom('escalations').selectAll().where('id', '=', id).executeTakeFirst()

export const lockEscalationById = (db: Db, id: string) => db.selectFrom('escalations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

export const findOpenStepUp = (db: Db, familyId: string) =>
  db.selectFrom('escalations').selectAll().where('familyId', '=', familyId).where('kind', '=', 'step_up').where('status', '=', 'open').executeTakeFirst()

export function listEscalations(
  db: Db,
  o: Omit<EscalationListFilters, 'asOf' | 'cursor' | 'limit'> & { limit: number; after: string | null; onlyTeamId: string | null },
) {
  let query = db
    .selectFrom('escalations')
    .selectAll()
    .orderBy('id')
    .limit(o.limit + 1)
  if (o.after) query = query.where('id', '>', o.after)
  if (o.onlyTeamId) query = query.where('teamId', '=', o.onlyTeamId)
  if (o.teamId) query = query.where('teamId', '=', o.teamId)
  if (o.familyId) query = query.where('familyId', '=', o.familyId)
  if (o.kind) query = query.where('kind', '=', o.kind)
  if (o.status) query = query.where('status', '=', o.status)
  return query.execute()
}
