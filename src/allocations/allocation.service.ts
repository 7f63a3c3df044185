import type { Transaction } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import { type ChangeContext, type View, viewOf } from '../context.js'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema.js'
import type { AllocationRow } from '../db/tables/allocation.table.js'
import { runInTransaction } from '../db/transaction.js'
import { assertTeamVisible } from '../http/context.js'
import { eventTime } from '../http/event-time.js'
import { conflict, invalidField, invalidReference, notFound, ProblemError } from '../http/problems.js'
import { assertVersion } from '../http/versioning.js'
import { activeCaseloads, practitionerToAllocate } from '../practitioners/practitioner.service.js'
import { lockCase, moveRequest } from '../service-requests/service-request.lifecycle.js'
import type { EventType } from '../sla/index.js'
import { recordAndApply, type WorkEvent } from '../sla-clocks/record-and-apply.js'
import { slaBlocksForSubjects } from '../sla-clocks/sla-blocks.js'
import { allocationWork, endAllocationRow } from './allocation.lifecycle.js'
import { findAllocationById, lockAllocationById } from './allocation.repository.js'
import type { AllocationCreate } from './allocation.schemas.js'

export { allocationWork } from './allocation.lifecycle.js'

export async function presentAllocations(db: Db, rows: AllocationRow[], view: View) {
  const blocks = await slaBlocksForSubjects(
    db,
    rows.map((r) => r.id),
    view,
  )
  return rows.map(({ createdByKeyId: _c, updatedByKeyId: _u, ...row }) => ({ ...row, sla: blocks.get(row.id)! }))
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
    if (!['received', 'accepted'].includes(request.status))
      throw conflict(`The request is ${request.status}; only a received or accepted request can be allocated`)
    const allocatedAt = eventTime(
      ctx.now,
      'allocatedAt',
      input.allocatedAt,
      { at: request.receivedAt, what: 'the request was received' },
      { at: request.decision?.decidedAt, what: 'the decision' },
    )
    const practitioner = await practitionerToAllocate(trx, input.practitionerId, request.teamId)
    for (const [i, id] of (input.coWorkerIds ?? []).entries()) {
      const coWorker = await trx.selectFrom('practitioners').select('teamId').where('id', '=', id).executeTakeFirst()
      if (!coWorker || coWorker.teamId !== request.teamId || id === practitioner.id)
        throw invalidReference(`coWorkerIds[${i}]`, `another practitioner ${id} in the team`)
    }
    const caseload = (await activeCaseloads(trx, [practitioner.id])).get(practitioner.id)!
    // A second request for a family the practitioner already holds adds no family to their caseload.
    const holdsFamily = await trx
      .selectFrom('allocations')
      .select('id')
      .where('practitionerId', '=', practitioner.id)
      .where('familyId', '=', request.familyId)
      .where('status', '=', 'active')
      .executeTakeFirst()
    const full = !holdsFamily && caseload >= practitioner.caseloadCapacity
    if (full && !input.override) {
      throw new ProblemError(
        'caseload-capacity-exceeded',
        `${practitioner.name} holds ${caseload} of ${practitioner.caseloadCapacity} families; a manager may allocate anyway with override.reason`,
        [{ in: 'body', field: 'override', message: 'is required to allocate past the practitioner’s caseload capacity' }],
      )
    }
    const overrideReason = full ? input.override!.reason : null
    const allocation = await trx
      .insertInto('allocations')
      .values({
        id: uuidv7(),
        serviceRequestId: request.id,
        familyId: request.familyId,
        teamId: request.teamId,
        practitionerId: practitioner.id,
        coWorkerIds: JSON.stringify(input.coWorkerIds ?? []),
        allocatedAt,
        allocatedBy: input.allocatedBy,
        overrideReason,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        createdByKeyId: ctx.caller.keyId,
        updatedByKeyId: ctx.caller.keyId,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
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
  })
  return (await presentAllocations(db, [row], viewOf(ctx)))[0]
}

/**
 * One change to an allocation, in the case's lock order: its request, then the allocation; scoped to the
 * caller's team, checked against If-Match and that the allocation is active, in one transaction.
 */
async function changeAllocation(
  db: Db,
  ctx: ChangeContext,
  id: string,
  expectedVersion: number | null,
  change: (trx: Transaction<Database>, current: AllocationRow) => Promise<{ row: AllocationRow; events: WorkEvent[] }>,
) {
  const found = await findAllocationById(db, id)
  if (!found) throw notFound(`Allocation ${id}`)
  assertTeamVisible(ctx.caller, found.teamId, `Allocation ${id}`)
  const row = await runInTransaction(db, async (trx) => {
    await lockCase(trx, found.serviceRequestId)
    const current = (await lockAllocationById(trx, id))!
    assertVersion(current.version, expectedVersion)
    if (current.status !== 'active') throw conflict('The allocation has ended')
    const { row, events } = await change(trx, current)
    await recordAndApply(trx, ctx, events)
    return row
  })
  return (await presentAllocations(db, [row], viewOf(ctx)))[0]
}

type Step = {
  column: 'caseDiscussion' | 'jointVisit' | 'initialVisit' | 'planSignOff'
  event: EventType
  time: { field: string; value: string | undefined }
  record: Record<string, unknown>
}

/** Records one step of the work after allocation (each at most once) and lets it stop its clocks. */
export function recordAllocationStep(db: Db, ctx: ChangeContext, id: string, step: Step, expectedVersion: number | null) {
  return changeAllocation(db, ctx, id, expectedVersion, async (trx, current) => {
    if (current[step.column]) throw conflict(`This allocation’s ${step.event.split('.')[1].replaceAll('-', ' ')} is already recorded`)
    const happenedAt = eventTime(ctx.now, step.time.field, step.time.value, { at: current.allocatedAt, what: 'the allocation' })
    const row = await trx
      .updateTable('allocations')
      .set({
        [step.column]: JSON.stringify({ ...step.record, [step.time.field]: happenedAt.toISOString() }),
        version: current.version + 1,
        updatedAt: ctx.now,
        updatedByKeyId: ctx.caller.keyId,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    return { row, events: [{ type: step.event, subjectType: 'allocation', subjectId: id, occurredAt: happenedAt, ...allocationWork(current) }] }
  })
}

/** The practitioner comes off the case: the allocation's open clocks close (missed where already overdue). */
export function endAllocation(db: Db, ctx: ChangeContext, id: string, input: { endedAt?: string; reason: string }, expectedVersion: number | null) {
  return changeAllocation(db, ctx, id, expectedVersion, async (trx, current) => {
    const steps = [current.caseDiscussion, current.jointVisit, current.initialVisit, current.planSignOff] as ({
      heldAt?: string
      signedOffAt?: string
    } | null)[]
    const latest = steps
      .flatMap((s) => [s?.heldAt, s?.signedOffAt])
      .filter((v): v is string => typeof v === 'string')
      .sort()
      .at(-1)
    const endedAt = eventTime(
      ctx.now,
      'endedAt',
      input.endedAt,
      { at: current.allocatedAt, what: 'the allocation' },
      { at: latest, what: 'the last step recorded on it' },
    )
    return endAllocationRow(trx, ctx, current, { at: endedAt, reason: input.reason }).then(({ row, event }) => ({ row, events: [event] }))
  })
}
