import type { Transaction } from 'kysely'
import type { ChangeContext } from '../context.js'
import type { Database } from '../db/schema.js'
import type { ServiceRequestRow } from '../db/tables/service-request.table.js'
import { conflict } from '../http/problems.js'
import type { EventType } from '../sla/index.js'
import type { WorkEvent } from '../sla-clocks/record-and-apply.js'
import { lockServiceRequestById, updateServiceRequestStatus } from './service-request.repository.js'
import { FINAL_STATUSES } from './service-request.schemas.js'

type Status = ServiceRequestRow['status']

/**
 * A request's lifecycle (api.md: received → accepted → allocated → ended, or declined, returned,
 * withdrawn): the statuses each can move to. Every status change of a request happens here, with its event.
 */
const NEXT: Record<Status, readonly Status[]> = {
  received: ['accepted', 'declined', 'returned', 'withdrawn', 'allocated'],
  accepted: ['withdrawn', 'allocated'],
  allocated: ['ended'],
  ended: [],
  declined: [],
  returned: [],
  withdrawn: [],
}

/**
 * Takes the case's lock: the request row, for update. Every change of a case takes it first (its
 * allocation, intervention, contacts, breach action), so they run one at a time in one lock order.
 */
export const lockCase = (trx: Transaction<Database>, serviceRequestId: string) => lockServiceRequestById(trx, serviceRequestId)

/** The case of a record that belongs to one (an allocation, an intervention), locked as `lockCase`; its foreign key says it exists. */
export async function lockCaseOf(trx: Transaction<Database>, serviceRequestId: string): Promise<ServiceRequestRow> {
  const request = await lockCase(trx, serviceRequestId)
  if (!request) throw new Error(`Service request ${serviceRequestId} vanished under a record that belongs to it`)
  return request
}

const FINAL: ReadonlySet<Status> = new Set(FINAL_STATUSES)
export const isFinal = (status: Status) => FINAL.has(status)

/** Where a request's clocks are filed. */
export const requestWork = (row: Pick<ServiceRequestRow, 'id' | 'familyId' | 'teamId'>) => ({
  familyId: row.familyId,
  teamId: row.teamId,
  serviceRequestId: row.id,
})

export interface RequestMove {
  to: Exclude<Status, 'received'>
  at: Date
  /** Columns set with the move (the decision, the ended reason, ...). */
  set?: Partial<Pick<ServiceRequestRow, 'endedReason' | 'endedAt'>> & { decision?: string }
  data?: Record<string, unknown>
}

const EVENT: Record<RequestMove['to'], EventType> = {
  accepted: 'service-request.accepted',
  declined: 'service-request.declined',
  returned: 'service-request.returned',
  withdrawn: 'service-request.withdrawn',
  allocated: 'service-request.allocated',
  ended: 'service-request.ended',
}

/**
 * Moves a locked request to its next status, or refuses with 409 naming what it is now. Returns the row
 * and the event for the SLA engine; the caller records it with the rest of its change.
 */
export async function moveRequest(
  trx: Transaction<Database>,
  ctx: ChangeContext,
  request: ServiceRequestRow,
  move: RequestMove,
): Promise<{ row: ServiceRequestRow; event: WorkEvent }> {
  if (!NEXT[request.status].includes(move.to)) {
    throw conflict(`The request is ${request.status}; it cannot become ${move.to}`)
  }
  const row = await updateServiceRequestStatus(
    trx,
    request.id,
    { ...move.set, status: move.to, version: request.version + 1, updatedByKeyId: ctx.caller.keyId },
    ctx.now,
  )
  return {
    row,
    event: { type: EVENT[move.to], subjectType: 'service_request', subjectId: request.id, occurredAt: move.at, work: requestWork(request), data: move.data },
  }
}
