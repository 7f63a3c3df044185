import type { Insertable, Updateable } from 'kysely'
import type { Db } from '../db/database.js'
import type { TeamsTable } from '../db/schema.js'
import type { TeamListFilters } from './team.schemas.js'

type NewTeam = Omit<Insertable<TeamsTable>, 'createdAt' | 'updatedAt' | 'version'>
type TeamChange = Omit<Updateable<TeamsTable>, 'id' | 'createdAt' | 'updatedAt'>

export const findTeamById = (db: Db, id: string) => db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst()

export const lockTeamById = (db: Db, id: string) => db.selectFrom('teams').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

/** The names of these teams, by id, in one query. */
export async function findTeamNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('teams').select(['id', 'name']).where('id', 'in', ids).execute()
  return new Map(rows.map((r) => [r.id, r.name]))
}

type PageOptions = Omit<TeamListFilters, 'limit' | 'cursor' | 'asOf'> & { limit: number; after: string | null; onlyTeamId: string | null }

/** A page of teams ordered by id, with one row more than `limit` when there is a next page. */
export function findTeamPage(db: Db, o: PageOptions) {
  let query = db
    .selectFrom('teams')
    .selectAll()
    .orderBy('id')
    .limit(o.limit + 1)
  if (o.after) query = query.where('id', '>', o.after)
  if (o.onlyTeamId) query = query.where('id', '=', o.onlyTeamId)
  if (o.calendarId) query = query.where('calendarId', '=', o.calendarId)
  if (o.standardsPreset) query = query.where('standardsPreset', '=', o.standardsPreset)
  return query.execute()
}

export const insertTeam = (db: Db, team: NewTeam, now: Date) =>
  db
    .insertInto('teams')
    .values({ ...team, createdAt: now, updatedAt: now })
    .returningAll()
    .executeTakeFirstOrThrow()

export const updateTeamRow = (db: Db, id: string, change: TeamChange, now: Date) =>
  db
    .updateTable('teams')
    .set({ ...change, updatedAt: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
