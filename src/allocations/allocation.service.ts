import type { Transaction } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import { type ChangeContext, type View, viewOf } from '../context.js'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema.js'
import type { AllocationRow } from '../db/tables/allocation.table.js'
import type { ServiceRequestRow } from '../db/tables/service-request.table.js'
import { runInTransaction } from '../db/transaction.js'
import { eventTime } from '../http/event-time.js'
import { conflict, invalidReference, ProblemError } from '../http/problems.js'
import { activeCaseloads, findPractitionerById, practitionerToAllocate } from '../practitioners/practitioner.service.js'
import { lockCase, moveRequest } from '../service-requests/service-request.lifecycle.js'
import { recordAndApply } from '../sla-clocks/record-and-apply.js'
import { withSlaBlocks } from '../sla-clocks/sla-blocks.js'
import { presetOfTeam } from '../teams/team.service.js'
import { allocationWork } from './allocation.lifecycle.js'
import { findActiveAllocationOfFamily, findJointVisitsOfAllocations, insertAllocation, lastAllocationEndOfRequest } from './allocation.repository.js'
import type { AllocationCreate } from './allocation.schemas.js'

export { allocationWork } from './allocation.lifecycle.js'

export const presentAllocations = (db: Db, rows: AllocationRow[], view: View) => withSlaBlocks(db, rows, view, 'allocation')

/** Each allocation's joint visit as recorded, null where none is. */
export async function jointVisitsOf(db: Db, allocationIds: string[]): Promise<Map<string, Record<string, unknown> | null>> {
  const rows = await findJointVisitsOfAllocations(db, [...new Set(allocationIds)])
  return new Map(rows.map((r) => [r.id, r.jointVisit]))
}

/**
 * Allocates a request to a practitioner. A request that was declined, returned, withdrawn or ended, or
 * is already allocated, cannot be (409). Past the practitioner's caseload capacity (about 10 families,
 * fewer for specialists: 000 §5) only a manager's override with a reason allocates.
 */
export async function createAllocation(db: Db, ctx: ChangeContext, input: AllocationCreate) {
  const row = await runInTransaction(db, async (trx) => {
    const request = await lockCase(trx, input.serviceRequestId)
    if (!request || (ctx.caller.teamId && ctx.caller.teamId !== request.teamId))
      throw invalidReference('serviceRequestId', `service request ${input.serviceRequestId}`)
    return allocateLockedRequest(trx, ctx, request, input)
  })
  return (await presentAllocations(db, [row], viewOf(ctx)))[0]
}

/**
 * Allocates a request the caller holds the case lock of (also a panel's decision, 001 §3). Where the
 * preset's policy screens before allocation (002), a request still received is refused (409): its
 * allocation clock starts at acceptance.
 */
export async function allocateLockedRequest(
  trx: Transaction<Database>,
  ctx: ChangeContext,
  request: ServiceRequestRow,
  input: AllocationCreate,
  field = '',
  timeField = `${field}allocatedAt`,
) {
  if (request.kind === 'consultation')
    throw conflict('The request is for a consultation: it is answered by a consultation (POST /consultations with its serviceRequestId), not allocated')
  if (!['received', 'accepted'].includes(request.status))
    throw conflict(`The request is ${request.status}; only a received or accepted request can be allocated`)
  if (request.status === 'received' && (await presetOfTeam(trx, request.teamId)).policy.screeningBeforeAllocation)
    throw conflict(
      'The request has not been screened: the service allocates a request once it is accepted (002); record the decision first (POST /service-requests/{id}/decision, or at a panel)',
    )
  const allocatedAt = eventTime(
    ctx.now,
    timeField,
    input.allocatedAt,
    { at: request.receivedAt, what: 'the request was received' },
    { at: request.decision?.decidedAt, what: 'the decision' },
    { at: (await lastAllocationEndOfRequest(trx, request.id))?.endedAt, what: 'its last allocation ended' },
  )
  const practitioner = await practitionerToAllocate(trx, input.practitionerId, request.teamId, `${field}practitionerId`)
  for (const [i, id] of (input.coWorkerIds ?? []).entries()) {
    const coWorker = await findPractitionerById(trx, id)
    if (!coWorker || coWorker.teamId !== request.teamId || id === practitioner.id)
      throw invalidReference(`${field}coWorkerIds[${i}]`, `another practitioner ${id} in the team`)
  }
  const caseload = (await activeCaseloads(trx, [practitioner.id])).get(practitioner.id) ?? 0
  // A second request for a family the practitioner already holds adds no family to their caseload.
  const holdsFamily = await findActiveAllocationOfFamily(trx, practitioner.id, request.familyId)
  const full = !holdsFamily && caseload >= practitioner.caseloadCapacity
  if (full && !input.override) {
    throw new ProblemError(
      'caseload-capacity-exceeded',
      `${practitioner.name} holds ${caseload} of ${practitioner.caseloadCapacity} families; a manager may allocate anyway with override.reason`,
      [{ in: 'body', field: `${field}override`, message: 'is required to allocate past the practitioner’s caseload capacity' }],
    )
  }
  const overrideReason = full && input.override ? input.override.reason : null
  const allocation = await insertAllocation(
    trx,
    {
      id: uuidv7(),
      serviceRequestId: request.id,
      familyId: request.familyId,
      teamId: request.teamId,
      practitionerId: practitioner.id,
      coWorkerIds: JSON.stringify(input.coWorkerIds ?? []),
      allocatedAt,
      allocatedBy: input.allocatedBy,
      overrideReason,
      createdByKeyId: ctx.caller.keyId,
      updatedByKeyId: ctx.caller.keyId,
    },
    ctx.now,
  )
  const allocated = await moveRequest(trx, ctx, request, {
    to: 'allocated',
    at: allocatedAt,
    data: { allocationId: allocation.id, practitionerId: practitioner.id },
  })
  const { work, parentSubjects } = allocationWork(allocation)
  await recordAndApply(trx, ctx, [
    { ...allocated.event, work },
    {
      type: 'allocation.created',
      subjectType: 'allocation',
      subjectId: allocation.id,
      occurredAt: allocatedAt,
      work,
      parentSubjects,
      data: { practitionerId: practitioner.id, coWorkerIds: input.coWorkerIds ?? [], overrideReason, caseloadBefore: caseload },
    },
  ])
  return allocation
}
