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
 * An allocated request whose allocation ended (the practitioner left or moved) returns to accepted, to be
 * allocated again, its history kept.
 */
const NEXT: Record<Status, readonly Status[]> = {
  received: ['accepted', 'declined', 'returned', 'withdrawn', 'allocated'],
  accepted: ['withdrawn', 'allocated'],
  allocated: ['ended', 'accepted'],
  ended: [],
  declined: [],
  returned: [],
  withdrawn: [],
}

/**
 * A consultation request is answered by a consultation (000 §9): it is never accepted for direct work nor
 * allocated, and ends when the consultation is held.
 */
const NEXT_CONSULTATION: Record<Status, readonly Status[]> = {
  received: ['declined', 'returned', 'withdrawn', 'ended'],
  accepted: [],
  allocated: [],
  ended: [],
  declined: [],
  returned: [],
  withdrawn: [],
}

/** The event a new request is recorded with: a consultation request starts no allocation clock (000 §9). */
export const receivedEventType = (kind: ServiceRequestRow['kind']): EventType =>
  kind === 'consultation' ? 'service-request.consultation-requested' : 'service-request.received'

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
  set?: Partial<Pick<ServiceRequestRow, 'endedReason' | 'endedAt' | 'panelId'>> & { decision?: string }
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
  const next = request.kind === 'consultation' ? NEXT_CONSULTATION : NEXT
  if (!next[request.status].includes(move.to)) {
    const what = request.kind === 'consultation' ? `consultation request is ${request.status}` : `request is ${request.status}`
    throw conflict(`The ${what}; it cannot become ${move.to}`)
  }
  const type = request.status === 'allocated' && move.to === 'accepted' ? 'service-request.reallocation-needed' : EVENT[move.to]
  const row = await updateServiceRequestStatus(
    trx,
    request.id,
    { ...move.set, status: move.to, version: request.version + 1, updatedByKeyId: ctx.caller.keyId },
    ctx.now,
  )
  return {
    row,
    event: { type, subjectType: 'service_request', subjectId: request.id, occurredAt: move.at, work: requestWork(request), data: move.data },
  }
}
