import type { Db } from '../db/database.js'
import type { TeamListFilters } from './team.schemas.js'

export const findTeamById = (db: Db, id: string) => db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst()

export const lockTeamById = (db: Db, id: string) => db.selectFrom('teams').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

export function listTeams(db: Db, filters: TeamListFilters & { limit: number; after: string | null; onlyTeamId: string | null }) {
  let query = db
    .selectFrom('teams')
    .selectAll()
    .orderBy('id')
    .limit(filters.limit + 1)
  if (filters.after) query = query.where('id', '>', filters.after)
  if (filters.onlyTeamId) query = query.where('id', '=', filters.onlyTeamId)
  if (filters.calendarId) query = query.where('calendarId', '=', filters.calendarId)
  if (filters.standardsPreset) query = query.where('standardsPreset', '=', filters.standardsPreset)
  return query.execute()
}
