import type { Db } from '../db/database.js'
import type { PractitionerListFilters } from './practitioner.schemas.js'

export const findPractitionerById = (db: Db, id: string) =>
  db.selectFrom('practitioners').selectAll().where('id', '=', id).executeTakeFirst()

export const lockPractitionerById = (db: Db, id: string) =>
  db.selectFrom('practitioners').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

export function listPractitioners(db: Db, filters: PractitionerListFilters & { limit: number; after: string | null; onlyTeamId: string | null }) {
  let query = db.selectFrom('practitioners').selectAll().orderBy('id').limit(filters.limit + 1)
  if (filters.after) query = query.where('id', '>', filters.after)
  if (filters.onlyTeamId) query = query.where('teamId', '=', filters.onlyTeamId)
  if (filters.teamId) query = query.where('teamId', '=', filters.teamId)
  if (filters.role) query = query.where('role', '=', filters.role)
  if (filters.specialism) query = query.where('specialism', '=', filters.specialism)
  if (filters.active !== undefined) query = query.where('active', '=', filters.active)
  return query.execute()
}
