import { v7 as uuidv7 } from 'uuid'
import type { Db } from '../db/database.js'
import type { AllocationRow } from '../db/schema.js'
import { assertNotFuture } from '../http/as-of.js'
import { assertTeamVisible, type ChangeContext } from '../http/context.js'
import { ProblemError, conflict, invalidField, invalidReference, notFound } from '../http/problems.js'
import { assertVersion } from '../http/versioning.js'
import { lockPractitionerById } from '../practitioners/practitioner.repository.js'
import { lockServiceRequestById } from '../service-requests/service-request.repository.js'
import { recordAndApply, type WorkEvent } from '../sla-clocks/record-and-apply.js'
import { slaBlocksForSubjects } from '../sla-clocks/sla-blocks.js'
import { activeCaseloads, lockAllocationById } from './allocation.repository.js'
import type { AllocationCreate } from './allocation.schemas.js'

export async function presentAllocations(db: Db, rows: AllocationRow[], asOf: Date) {
  const blocks = await slaBlocksForSubjects(db, rows.map((r) => r.id), asOf)
  return rows.map(({ createdByKeyId: _c, updatedByKeyId: _u, ...row }) => ({ ...row, sla: blocks.get(row.id)! }))
}

const at = (field: string, value: string | undefined, ctx: ChangeContext) => {
  assertNotFuture(field, value, ctx.now)
  return value ? new Date(value) : ctx.now
}

export const allocationWork = (a: Pick<AllocationRow, 'id' | 'familyId' | 'teamId' | 'practitionerId' | 'serviceRequestId'>) => ({
  work: { familyId: a.familyId, teamId: a.teamId, practitionerId: a.practitionerId, serviceRequestId: a.serviceRequestId },
  parentSubjects: [{ type: 'service_request', id: a.serviceRequestId }],
})

/**
 * Allocates a request to a practitioner. A request that was declined, returned, withdrawn or ended, or
 * is already allocated, cannot be (409). Past the practitioner's caseload capacity (about 10 families,
 * fewer for specialists: 000 §5) only a manager's override with a reason allocates.
 */
export async function createAllocation(db: Db, ctx: ChangeContext, input: AllocationCreate) {
  const allocatedAt = at('allocatedAt', input.allocatedAt, ctx)
  const row = await db.transaction().execute(async (trx) => {
    const request = await lockServiceRequestById(trx, input.serviceRequestId)
    if (!request || (ctx.caller.teamId && ctx.caller.teamId !== request.teamId)) throw invalidReference('serviceRequestId', `service request ${input.serviceRequestId}`)
    if (!['received', 'accepted'].includes(request.status)) throw conflict(`The request is ${request.status}; only a received or accepted request can be allocated`)
    if (allocatedAt < request.receivedAt) throw invalidField('allocatedAt', 'must not be before the request was received')
    // Locking the practitioner serialises allocations to them, so two cannot both take the last place.
    const practitioner = await lockPractitionerById(trx, input.practitionerId)
    if (!practitioner || practitioner.teamId !== request.teamId) throw invalidReference('practitionerId', `practitioner ${input.practitionerId} in the request’s team`)
    if (!practitioner.active) throw invalidField('practitionerId', 'has left the team')
    for (const [i, id] of (input.coWorkerIds ?? []).entries()) {
      const coWorker = await trx.selectFrom('practitioners').select('teamId').where('id', '=', id).executeTakeFirst()
      if (!coWorker || coWorker.teamId !== request.teamId || id === practitioner.id) throw invalidReference(`coWorkerIds[${i}]`, `another practitioner ${id} in the team`)
    }
    const caseload = (await activeCaseloads(trx, [practitioner.id])).get(practitioner.id)!
    if (caseload >= practitioner.caseloadCapacity && !input.override) {
      throw new ProblemError('caseload-capacity-exceeded', `${practitioner.name} holds ${caseload} of ${practitioner.caseloadCapacity} families; a manager may allocate anyway with override.reason`, [
        { in: 'body', field: 'override', message: 'is required to allocate past the practitioner’s caseload capacity' },
      ])
    }
    const overrideReason = caseload >= practitioner.caseloadCapacity ? input.override!.reason : null
    const allocation = await trx
      .insertInto('allocations')
      .values({
        id: uuidv7(), serviceRequestId: request.id, familyId: request.familyId, teamId: request.teamId, practitionerId: practitioner.id,
        coWorkerIds: JSON.stringify(input.coWorkerIds ?? []), allocatedAt, allocatedBy: input.allocatedBy, overrideReason,
        createdByKeyId: ctx.caller.keyId, updatedByKeyId: ctx.caller.keyId,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await trx.updateTable('serviceRequests').set({ status: 'allocated', version: request.version + 1, updatedAt: ctx.now, updatedByKeyId: ctx.caller.keyId }).where('id', '=', request.id).execute()
    const { work, parentSubjects } = allocationWork(allocation)
    await recordAndApply(trx, ctx, [
      { type: 'service-request.allocated', subjectType: 'service_request', subjectId: request.id, occurredAt: allocatedAt, work, data: { allocationId: allocation.id, practitionerId: practitioner.id } },
      { type: 'allocation.created', subjectType: 'allocation', subjectId: allocation.id, occurredAt: allocatedAt, work, parentSubjects, data: { practitionerId: practitioner.id, coWorkerIds: input.coWorkerIds ?? [], overrideReason, caseloadBefore: caseload } },
    ])
    return allocation
  })
  return (await presentAllocations(db, [row], ctx.now))[0]
}

type Step = { column: 'caseDiscussion' | 'jointVisit' | 'initialVisit' | 'planSignOff'; event: string; time: { field: string; value: string | undefined }; record: Record<string, unknown> }

/** Records one step of the work after allocation (each at most once) and lets it stop its clocks. */
export async function recordAllocationStep(db: Db, ctx: ChangeContext, id: string, step: Step, expectedVersion: number | null) {
  const happenedAt = at(step.time.field, step.time.value, ctx)
  const row = await db.transaction().execute(async (trx) => {
    const current = await lockAllocationById(trx, id)
    if (!current) throw notFound(`Allocation ${id}`)
    assertTeamVisible(ctx.caller, current.teamId, `Allocation ${id}`)
    assertVersion(current.version, expectedVersion)
    if (current.status !== 'active') throw conflict('The allocation has ended')
    if (current[step.column]) throw conflict(`This allocation’s ${step.event.split('.')[1].replaceAll('-', ' ')} is already recorded`)
    if (happenedAt < current.allocatedAt) throw invalidField(step.time.field, 'must not be before the allocation')
    const updated = await trx
      .updateTable('allocations')
      .set({ [step.column]: JSON.stringify({ ...step.record, [step.time.field]: happenedAt.toISOString() }), version: current.version + 1, updatedAt: ctx.now, updatedByKeyId: ctx.caller.keyId })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    const event: WorkEvent = { type: step.event, subjectType: 'allocation', subjectId: id, occurredAt: happenedAt, ...allocationWork(current) }
    await recordAndApply(trx, ctx, [event])
    return updated
  })
  return (await presentAllocations(db, [row], ctx.now))[0]
}

export async function endAllocation(db: Db, ctx: ChangeContext, id: string, input: { endedAt?: string; reason: string }, expectedVersion: number | null) {
  const endedAt = at('endedAt', input.endedAt, ctx)
  const row = await db.transaction().execute(async (trx) => {
    const current = await lockAllocationById(trx, id)
    if (!current) throw notFound(`Allocation ${id}`)
    assertTeamVisible(ctx.caller, current.teamId, `Allocation ${id}`)
    assertVersion(current.version, expectedVersion)
    if (current.status !== 'active') throw conflict('The allocation has already ended')
    const updated = await trx
      .updateTable('allocations')
      .set({ status: 'ended', endedAt, endedReason: input.reason, version: current.version + 1, updatedAt: ctx.now, updatedByKeyId: ctx.caller.keyId })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAndApply(trx, ctx, [{ type: 'allocation.ended', subjectType: 'allocation', subjectId: id, occurredAt: endedAt, ...allocationWork(current), data: { reason: input.reason } }])
    return updated
  })
  return (await presentAllocations(db, [row], ctx.now))[0]
}
