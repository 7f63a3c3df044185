import { type Insertable, sql, type Updateable } from 'kysely'
import { compiledOnce } from '../db/compiled-once.js'
import type { Db } from '../db/database.js'
import type { ServiceRequestsTable } from '../db/tables/service-request.table.js'
import { type ExternalRef, externalRefsColumn, resourceIdsWithRef } from '../external-refs/external-ref.repository.js'
import { clocksColumn, withClockRows } from '../sla-clocks/clock-json.js'
import { subjectClocksQuery } from '../sla-clocks/clock-reads.repository.js'
import type { ServiceRequestListFilters } from './service-request.schemas.js'

type NewServiceRequest = Omit<Insertable<ServiceRequestsTable>, 'createdAt' | 'updatedAt'>
type RequestChanges = Omit<Updateable<ServiceRequestsTable>, 'id' | 'createdAt' | 'updatedAt' | 'createdByKeyId'>

const serviceRequestById = compiledOnce(1, (db, id: string) => db.selectFrom('serviceRequests').selectAll().where('id', '=', id))
export const findServiceRequestById = async (db: Db, id: string) => (await serviceRequestById(db, id))[0]

const serviceRequestForRead = compiledOnce(1, (db, id: string) =>
  db
    .selectFrom('serviceRequests')
    .selectAll('serviceRequests')
    .select(externalRefsColumn(db, 'service_request', 'serviceRequests.id'))
    .select(clocksColumn(subjectClocksQuery(db, sql<string>`${sql.ref('serviceRequests.id')}`)))
    .where('serviceRequests.id', '=', id),
)

/** The request's row, its references and its clocks, in one statement; undefined if there is no such request. */
export const findServiceRequestForRead = async (db: Db, id: string) => withClockRows((await serviceRequestForRead(db, id))[0])

export const lockServiceRequestById = (db: Db, id: string) => db.selectFrom('serviceRequests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

export const insertServiceRequest = (db: Db, row: NewServiceRequest, now: Date) =>
  db
    .insertInto('serviceRequests')
    .values({ ...row, createdAt: now, updatedAt: now })
    .returningAll()
    .executeTakeFirstOrThrow()

/** A request's details; its status is not among them (updateServiceRequestStatus, for its lifecycle only). */
export const updateServiceRequestDetails = (db: Db, id: string, changes: Omit<RequestChanges, 'status'>, now: Date) =>
  db
    .updateTable('serviceRequests')
    .set({ ...changes, updatedAt: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()

/** A request's move to another status, with the columns set with it: called by service-request.lifecycle.ts alone. */
export const updateServiceRequestStatus = (db: Db, id: string, changes: RequestChanges & Required<Pick<RequestChanges, 'status'>>, now: Date) =>
  db
    .updateTable('serviceRequests')
    .set({ ...changes, updatedAt: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()

type ListOptions = Omit<ServiceRequestListFilters, 'externalRef'> & {
  limit: number
  after: string | null
  onlyTeamId: string | null
  externalRef?: ExternalRef
}

export function listServiceRequests(db: Db, o: ListOptions) {
  let query = db
    .selectFrom('serviceRequests')
    .selectAll()
    .orderBy('id')
    .limit(o.limit + 1)
  if (o.after) query = query.where('id', '>', o.after)
  if (o.onlyTeamId) query = query.where('teamId', '=', o.onlyTeamId)
  if (o.teamId) query = query.where('teamId', '=', o.teamId)
  if (o.familyId) query = query.where('familyId', '=', o.familyId)
  if (o.status) query = query.where('status', '=', o.status)
  if (o.kind) query = query.where('kind', '=', o.kind)
  if (o.externalRef) query = query.where('id', 'in', resourceIdsWithRef(db, 'service_request', o.externalRef))
  return query.execute()
}
