import type { Db } from '../db/database.js'
import type { PractitionerListFilters } from './practitioner.schemas.js'

export const findPractitionerById = (db: Db, id: string) => db.selectFrom('practitioners').selectAll().where('id', '=', id).executeTakeFirst()

export const lockPractitionerById = (db: Db, id: string) => db.selectFrom('practitioners').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

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

export function listPractitioners(db: Db, filters: PractitionerListFilters & { limit: number; after: string | null; onlyTeamId: string | null }) {
  let query = db
    .selectFrom('practitioners')
    .selectAll()
    .orderBy('id')
    .limit(filters.limit + 1)
  if (filters.after) query = query.where('id', '>', filters.after)
  if (filters.onlyTeamId) query = query.where('teamId', '=', filters.onlyTeamId)
  if (filters.teamId) query = query.where('teamId', '=', filters.teamId)
  if (filters.role) query = query.where('role', '=', filters.role)
  if (filters.specialism) query = query.where('specialism', '=', filters.specialism)
  if (filters.active !== undefined) query = query.where('active', '=', filters.active)
  return query.execute()
}
