import type { Db } from '../db/database.js'
import { type ExternalRef, resourceIdsWithRef } from '../external-refs/external-ref.repository.js'
import type { ServiceRequestListFilters } from './service-request.schemas.js'

export const findServiceRequestById = (db: Db, id: string) => db.selectFrom('serviceRequests').selectAll().where('id', '=', id).executeTakeFirst()

export const lockServiceRequestById = (db: Db, id: string) => db.selectFrom('serviceRequests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

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
