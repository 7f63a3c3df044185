import type { Db } from '../db/database.js'
import type { AllocationListFilters } from './allocation.schemas.js'

export const findAllocationById = (db: Db, id: string) => db.selectFrom('allocations').selectAll().where('id', '=', id).executeTakeFirst()

export const lockAllocationById = (db: Db, id: string) => db.selectFrom('allocations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

export function listAllocations(db: Db, o: AllocationListFilters & { limit: number; after: string | null; onlyTeamId: string | null }) {
  let query = db
    .selectFrom('allocations')
    .selectAll()
    .orderBy('id')
    .limit(o.limit + 1)
  if (o.after) query = query.where('id', '>', o.after)
  if (o.onlyTeamId) query = query.where('teamId', '=', o.onlyTeamId)
  if (o.teamId) query = query.where('teamId', '=', o.teamId)
  if (o.practitionerId) query = query.where('practitionerId', '=', o.practitionerId)
  if (o.familyId) query = query.where('familyId', '=', o.familyId)
  if (o.serviceRequestId) query = query.where('serviceRequestId', '=', o.serviceRequestId)
  if (o.status) query = query.where('status', '=', o.status)
  return query.execute()
}
