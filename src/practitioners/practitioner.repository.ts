import type { Insertable, Updateable } from 'kysely'
import type { Db } from '../db/database.js'
import type { PractitionersTable } from '../db/tables/practitioner.table.js'
import type { PractitionerListFilters } from './practitioner.schemas.js'

type NewPractitioner = Omit<Insertable<PractitionersTable>, 'createdAt' | 'updatedAt' | 'version'>
type PractitionerChange = Omit<Updateable<PractitionersTable>, 'id' | 'createdAt' | 'updatedAt'>

export const findPractitionerById = (db: Db, id: string) => db.selectFrom('practitioners').selectAll().where('id', '=', id).executeTakeFirst()

export const lockPractitionerById = (db: Db, id: string) => db.selectFrom('practitioners').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

/** The names of these practitioners, by id, in one query. */
export async function findPractitionerNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('practitioners').select(['id', 'name']).where('id', 'in', ids).execute()
  return new Map(rows.map((r) => [r.id, r.name]))
}

/** Families a practitioner holds now (000 §5: "approximately 10 families"): distinct families of their active allocations as the allocated worker. */
export async function activeCaseloads(db: Db, practitionerIds: string[]): Promise<Map<string, number>> {
  const counts = new Map(practitionerIds.map((id) => [id, 0]))
  if (practitionerIds.length === 0) return counts
  const rows = await db
    .selectFrom('allocations')
    .select(['practitionerId', (eb) => eb.fn.count<number>('familyId').distinct().as('n')])
    .where('practitionerId', 'in', practitionerIds)
    .where('status', '=', 'active')
    .groupBy('practitionerId')
    .execute()
  for (const row of rows) counts.set(row.practitionerId, Number(row.n))
  return counts
}

type PageOptions = Omit<PractitionerListFilters, 'limit' | 'cursor' | 'asOf'> & { limit: number; after: string | null; onlyTeamId: string | null }

/** A page of practitioners ordered by id, with one row more than `limit` when there is a next page. */
export function findPractitionerPage(db: Db, o: PageOptions) {
  let query = db
    .selectFrom('practitioners')
    .selectAll()
    .orderBy('id')
    .limit(o.limit + 1)
  if (o.after) query = query.where('id', '>', o.after)
  if (o.onlyTeamId) query = query.where('teamId', '=', o.onlyTeamId)
  if (o.teamId) query = query.where('teamId', '=', o.teamId)
  if (o.role) query = query.where('role', '=', o.role)
  if (o.specialism) query = query.where('specialism', '=', o.specialism)
  if (o.active !== undefined) query = query.where('active', '=', o.active)
  return query.execute()
}

export const insertPractitioner = (db: Db, practitioner: NewPractitioner, now: Date) =>
  db
    .insertInto('practitioners')
    .values({ ...practitioner, createdAt: now, updatedAt: now })
    .returningAll()
    .executeTakeFirstOrThrow()

export const updatePractitionerRow = (db: Db, id: string, change: PractitionerChange, now: Date) =>
  db
    .updateTable('practitioners')
    .set({ ...change, updatedAt: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
