import type { Transaction } from 'kysely'
import type { Caller, ChangeContext } from '../context.js'
import type { Database } from '../db/schema.js'
import type { AllocationRow } from '../db/tables/allocation.table.js'
import { conflict, invalidReference } from '../http/problems.js'
import { lockCase } from '../service-requests/service-request.lifecycle.js'
import type { WorkEvent } from '../sla-clocks/record-and-apply.js'
import { findAllocationById, lockActiveAllocationOfRequest, lockAllocationById, updateAllocationStatus } from './allocation.repository.js'

export const allocationOf = findAllocationById

/** The request's active allocation, locked after its case's lock, if it has one. */
export const lockActiveAllocationOf = lockActiveAllocationOfRequest

/**
 * The case a record of the work (`what`: an assessment, a plan) is made for, locked in the lock order with its
 * active allocation: 422 naming `serviceRequestId` if the caller may not see it, 409 if it is not allocated.
 */
export async function lockAllocatedCase(trx: Transaction<Database>, caller: Caller, serviceRequestId: string, what: string) {
  const request = await lockCase(trx, serviceRequestId)
  if (!request || (caller.teamId && caller.teamId !== request.teamId)) throw invalidReference('serviceRequestId', `service request ${serviceRequestId}`)
  const allocation = await lockActiveAllocationOf(trx, request.id)
  if (!allocation) throw conflict(`The request is ${request.status}; ${what} is made for an allocated request`)
  return { request, allocation }
}

/** The allocation, locked for a change after its case's lock; it exists (it was read before the lock). */
export async function lockAllocation(trx: Transaction<Database>, id: string): Promise<AllocationRow> {
  const allocation = await lockAllocationById(trx, id)
  if (!allocation) throw new Error(`Allocation ${id} vanished under its case's lock`)
  return allocation
}

/** Where an allocation's clocks are filed, and its parent: the request (subjects.ts). */
export const allocationWork = (a: Pick<AllocationRow, 'id' | 'familyId' | 'teamId' | 'practitionerId' | 'serviceRequestId'>) => ({
  work: { familyId: a.familyId, teamId: a.teamId, practitionerId: a.practitionerId, serviceRequestId: a.serviceRequestId },
  parentSubjects: [{ type: 'service_request', id: a.serviceRequestId }],
})

/**
 * Ends a locked, active allocation: the practitioner comes off the case. Every status change of an
 * allocation happens here, with its event; the caller records the event with the rest of its change.
 */
export async function endAllocationRow(
  trx: Transaction<Database>,
  ctx: ChangeContext,
  allocation: AllocationRow,
  end: { at: Date; reason: string },
): Promise<{ row: AllocationRow; event: WorkEvent }> {
  if (allocation.status !== 'active') throw conflict('The allocation has already ended')
  const row = await updateAllocationStatus(
    trx,
    allocation.id,
    { status: 'ended', endedAt: end.at, endedReason: end.reason, version: allocation.version + 1, updatedByKeyId: ctx.caller.keyId },
    ctx.now,
  )
  return {
    row,
    event: {
      type: 'allocation.ended',
      subjectType: 'allocation',
      subjectId: allocation.id,
      occurredAt: end.at,
      ...allocationWork(allocation),
      data: { reason: end.reason },
    },
  }
}

/** Ends the request's active allocation, if it has one (at most one is active: allocations_one_active_idx). */
export async function endActiveAllocationOf(
  trx: Transaction<Database>,
  ctx: ChangeContext,
  serviceRequestId: string,
  end: { at: Date; reason: string },
): Promise<WorkEvent[]> {
  const active = await lockActiveAllocationOfRequest(trx, serviceRequestId)
  if (!active) return []
  return [(await endAllocationRow(trx, ctx, active, end)).event]
}
