import type { Insertable, Updateable } from 'kysely'
import type { Db } from '../db/database.js'
import type { AllocationsTable } from '../db/tables/allocation.table.js'
import type { AllocationListFilters } from './allocation.schemas.js'

type NewAllocation = Omit<Insertable<AllocationsTable>, 'createdAt' | 'updatedAt'>
type AllocationChanges = Omit<Updateable<AllocationsTable>, 'id' | 'createdAt' | 'updatedAt' | 'createdByKeyId'>

export const findAllocationById = (db: Db, id: string) => db.selectFrom('allocations').selectAll().where('id', '=', id).executeTakeFirst()

export const lockAllocationById = (db: Db, id: string) => db.selectFrom('allocations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

export const findJointVisitsOfAllocations = (db: Db, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('allocations').select(['id', 'jointVisit']).where('id', 'in', ids).execute()

/** The request's active allocation, locked (at most one is active: allocations_one_active_idx). */
export const lockActiveAllocationOfRequest = (db: Db, serviceRequestId: string) =>
  db.selectFrom('allocations').selectAll().where('serviceRequestId', '=', serviceRequestId).where('status', '=', 'active').forUpdate().executeTakeFirst()

/** When the request's last allocation ended, if one did: a new allocation comes after it. */
export const lastAllocationEndOfRequest = (db: Db, serviceRequestId: string) =>
  db
    .selectFrom('allocations')
    .select('endedAt')
    .where('serviceRequestId', '=', serviceRequestId)
    .where('endedAt', 'is not', null)
    .orderBy('endedAt', 'desc')
    .limit(1)
    .executeTakeFirst()

/** An active allocation of the family to the practitioner, if they already hold it. */
export const findActiveAllocationOfFamily = (db: Db, practitionerId: string, familyId: string) =>
  db
    .selectFrom('allocations')
    .select('id')
    .where('practitionerId', '=', practitionerId)
    .where('familyId', '=', familyId)
    .where('status', '=', 'active')
    .executeTakeFirst()

export const insertAllocation = (db: Db, row: NewAllocation, now: Date) =>
  db
    .insertInto('allocations')
    .values({ ...row, createdAt: now, updatedAt: now })
    .returningAll()
    .executeTakeFirstOrThrow()

/** An allocation's steps; its status is not among them (updateAllocationStatus, for its lifecycle only). */
export const updateAllocationDetails = (db: Db, id: string, changes: Omit<AllocationChanges, 'status'>, now: Date) =>
  db
    .updateTable('allocations')
    .set({ ...changes, updatedAt: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()

/** An allocation's move to another status, with the columns set with it: called by allocation.lifecycle.ts alone. */
export const updateAllocationStatus = (db: Db, id: string, changes: AllocationChanges & Required<Pick<AllocationChanges, 'status'>>, now: Date) =>
  db
    .updateTable('allocations')
    .set({ ...changes, updatedAt: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()

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
