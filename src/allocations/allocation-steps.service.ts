import type { Transaction } from 'kysely'
import { recordConsent } from '../consents/consent.service.js'
import { type ChangeContext, viewOf } from '../context.js'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema.js'
import type { AllocationRow, AllocationsTable } from '../db/tables/allocation.table.js'
import { runInTransaction } from '../db/transaction.js'
import { assertTeamVisible } from '../http/context.js'
import { eventTime } from '../http/event-time.js'
import { conflict, notFound } from '../http/problems.js'
import { assertVersion, type VersionCondition } from '../http/versioning.js'
import { planTakesJointVisit } from '../plan-versions/plan-safety.service.js'
import { lockCaseOf, moveRequest } from '../service-requests/service-request.lifecycle.js'
import type { EventType } from '../sla/index.js'
import { recordAndApply, type WorkEvent } from '../sla-clocks/record-and-apply.js'
import { allocationWork, endAllocationRow, lockAllocation } from './allocation.lifecycle.js'
import { findAllocationById, updateAllocationDetails } from './allocation.repository.js'
import type { AllocationEnd, CaseDiscussionCreate, JointVisitCreate, PlanSignOffCreate, VisitCreate } from './allocation.schemas.js'
import { presentAllocations } from './allocation.service.js'

/**
 * One change to an allocation, in the case's lock order: its request, then the allocation; scoped to the
 * caller's team, checked against If-Match and that the allocation is active, in one transaction.
 */
async function changeAllocation(
  db: Db,
  ctx: ChangeContext,
  id: string,
  expectedVersion: VersionCondition,
  change: (trx: Transaction<Database>, current: AllocationRow) => Promise<{ row: AllocationRow; events: WorkEvent[] }>,
) {
  const found = await findAllocationById(db, id)
  if (!found) throw notFound(`Allocation ${id}`)
  assertTeamVisible(ctx.caller, found.teamId, `Allocation ${id}`)
  const row = await runInTransaction(db, async (trx) => {
    await lockCaseOf(trx, found.serviceRequestId)
    const current = await lockAllocation(trx, id)
    assertVersion(current.version, expectedVersion)
    if (current.status !== 'active') throw conflict('The allocation has ended')
    const { row, events } = await change(trx, current)
    await recordAndApply(trx, ctx, events)
    return row
  })
  return (await presentAllocations(db, [row], viewOf(ctx)))[0]
}

type Step = {
  column: keyof Pick<AllocationsTable, 'caseDiscussion' | 'jointVisit' | 'initialVisit' | 'planSignOff'>
  event: EventType
  time: { field: string; value: string | undefined }
  record: Record<string, unknown>
  /** What else the step records, in its transaction. */
  also?: (trx: Transaction<Database>, current: AllocationRow, at: Date) => Promise<void>
}

/** Records one step of the work after allocation (each at most once) and lets it stop its clocks. */
function recordStep(db: Db, ctx: ChangeContext, id: string, step: Step, expectedVersion: VersionCondition) {
  return changeAllocation(db, ctx, id, expectedVersion, async (trx, current) => {
    if (current[step.column]) throw conflict(`This allocation’s ${step.event.split('.')[1].replaceAll('-', ' ')} is already recorded`)
    const happenedAt = eventTime(ctx.now, step.time.field, step.time.value, { at: current.allocatedAt, what: 'the allocation' })
    const row = await updateAllocationDetails(
      trx,
      id,
      {
        [step.column]: JSON.stringify({ ...step.record, [step.time.field]: happenedAt.toISOString() }),
        version: current.version + 1,
        updatedByKeyId: ctx.caller.keyId,
      },
      ctx.now,
    )
    await step.also?.(trx, current, happenedAt)
    return { row, events: [{ type: step.event, subjectType: 'allocation', subjectId: id, occurredAt: happenedAt, ...allocationWork(current) }] }
  })
}

/** The case discussion with the social worker (TRT: within 5 working days of allocation; planning progress). */
export const recordCaseDiscussion = (db: Db, ctx: ChangeContext, id: string, { heldAt, ...record }: CaseDiscussionCreate, expected: VersionCondition) =>
  recordStep(db, ctx, id, { column: 'caseDiscussion', event: 'allocation.case-discussion-held', time: { field: 'heldAt', value: heldAt }, record }, expected)

/**
 * The joint visit with the social worker (TRT: within 10 working days of allocation; planning progress). It
 * agrees the working together agreement, danger statements and safety goals, which the multi-agency action
 * plan holds: where the case already has one, the plan takes them as a new version.
 */
export const recordJointVisit = (db: Db, ctx: ChangeContext, id: string, { heldAt, ...record }: JointVisitCreate, expected: VersionCondition) =>
  recordStep(
    db,
    ctx,
    id,
    {
      column: 'jointVisit',
      event: 'allocation.joint-visit-held',
      time: { field: 'heldAt', value: heldAt },
      record,
      also: async (trx, current, at) => {
        const { workingTogetherAgreement, dangerStatements, safetyGoals } = record
        const safety = { workingTogetherAgreement, dangerStatements, safetyGoals }
        await planTakesJointVisit(trx, ctx, { serviceRequestId: current.serviceRequestId, allocationId: current.id, heldAt: at, safety })
      },
    },
    expected,
  )

/**
 * The family support worker's first visit (Level 3: within 5 days of allocation). Consent is obtained at it
 * (002): the family's decision is kept as a consent record of the request.
 */
export const recordInitialVisit = (db: Db, ctx: ChangeContext, id: string, { heldAt, consent, ...record }: VisitCreate, expected: VersionCondition) =>
  recordStep(
    db,
    ctx,
    id,
    {
      column: 'initialVisit',
      event: 'allocation.initial-visit-held',
      time: { field: 'heldAt', value: heldAt },
      record,
      also: async (trx, current, at) => {
        if (!consent) return
        const place = {
          familyId: current.familyId,
          teamId: current.teamId,
          serviceRequestId: current.serviceRequestId,
          allocationId: current.id,
          obtainedAt: 'initial_visit' as const,
        }
        await recordConsent(
          trx,
          ctx,
          place,
          { ...consent, decidedAt: consent.decidedAt ?? at.toISOString() },
          { at: current.allocatedAt, what: 'the allocation' },
        )
      },
    },
    expected,
  )

/** The co-ordinator's sign-off of the family's plan (Level 3: within 20 working days of allocation). */
export const signOffPlan = (db: Db, ctx: ChangeContext, id: string, { signedOffAt, ...record }: PlanSignOffCreate, expected: VersionCondition) =>
  recordStep(db, ctx, id, { column: 'planSignOff', event: 'allocation.plan-signed-off', time: { field: 'signedOffAt', value: signedOffAt }, record }, expected)

/**
 * The practitioner comes off the case (left, moved): the allocation's open clocks close (missed where
 * already overdue) and its request returns to accepted, to be allocated again within the time the preset's
 * `reallocation` standard gives (000 §8; 002).
 */
export function endAllocation(db: Db, ctx: ChangeContext, id: string, input: AllocationEnd, expectedVersion: VersionCondition) {
  return changeAllocation(db, ctx, id, expectedVersion, async (trx, current) => {
    const latest = [current.caseDiscussion, current.jointVisit, current.initialVisit, current.planSignOff]
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
    const { row, event } = await endAllocationRow(trx, ctx, current, { at: endedAt, reason: input.reason })
    const request = await lockCaseOf(trx, current.serviceRequestId)
    if (request.status !== 'allocated') return { row, events: [event] }
    const reopened = await moveRequest(trx, ctx, request, { to: 'accepted', at: endedAt, data: { allocationId: current.id, reason: input.reason } })
    return { row, events: [event, reopened.event] }
  })
}

/**
 * The co-ordinator's sign-off recorded from the signed-off plan itself (002), in the plan's transaction
 * under the case's lock: the allocation's 20-working-day plan sign-off clock stops.
 */
export async function signOffPlanOfAllocation(trx: Transaction<Database>, ctx: ChangeContext, id: string, at: Date, signedOffBy: string): Promise<WorkEvent[]> {
  const current = await lockAllocation(trx, id)
  if (current.status !== 'active') throw conflict('The plan’s allocation has ended')
  if (current.planSignOff) throw conflict('This allocation’s plan sign off is already recorded')
  await updateAllocationDetails(
    trx,
    id,
    { planSignOff: JSON.stringify({ signedOffBy, signedOffAt: at.toISOString() }), version: current.version + 1, updatedByKeyId: ctx.caller.keyId },
    ctx.now,
  )
  return [{ type: 'allocation.plan-signed-off', subjectType: 'allocation', subjectId: id, occurredAt: at, ...allocationWork(current) }]
}
