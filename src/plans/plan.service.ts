import type { Transaction } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import { lockAllocatedCase } from '../allocations/allocation.lifecycle.js'
import { signOffPlanOfAllocation } from '../allocations/allocation-steps.service.js'
import { hasServiceConsent } from '../consents/consent.service.js'
import { type ChangeContext, type View, viewOf } from '../context.js'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema.js'
import type { PlanRow } from '../db/tables/plan.table.js'
import { runInTransaction } from '../db/transaction.js'
import { recordEvents } from '../events/outbox.js'
import { assertTeamVisible } from '../http/context.js'
import { eventTime } from '../http/event-time.js'
import { conflict, invalidField, notFound } from '../http/problems.js'
import { assertVersion, type VersionCondition } from '../http/versioning.js'
import { presetOfTeam } from '../interventions/intervention.service.js'
import { recordTafReviewOfRequest } from '../interventions/intervention-steps.service.js'
import { safetyOfJointVisit } from '../plan-versions/plan-safety.service.js'
import { keepVersion } from '../plan-versions/plan-version.service.js'
import { lockCaseOf } from '../service-requests/service-request.lifecycle.js'
import { recordAndApply, type WorkEvent } from '../sla-clocks/record-and-apply.js'
import { slaBlocksForSubjects } from '../sla-clocks/sla-blocks.js'
import {
  actionsOfPlans,
  findPlanById,
  findPlanVersion,
  insertPlan,
  insertPlanActions,
  lockPlanById,
  markActionDone,
  updatePlan,
  versionsOfPlan,
} from './plan.repository.js'
import type { PlanActionCreate, PlanCreate, PlanReviewCreate, PlanSignOff } from './plan.schemas.js'

type Trx = Transaction<Database>

export async function presentPlans(db: Db, rows: PlanRow[], view: View) {
  const actions = await actionsOfPlans(
    db,
    rows.map((r) => r.id),
  )
  const blocks = await slaBlocksForSubjects(
    db,
    actions.map((a) => a.id),
    view,
  )
  return rows.map(({ createdByKeyId: _c, updatedByKeyId: _u, content, ...row }) => ({
    ...row,
    ...content,
    actions: actions
      .filter((a) => a.planId === row.id)
      .map(({ planId: _p, createdAt: _a, ...a }) => {
        const sla = blocks.get(a.id)
        if (!sla) throw new Error(`No SLA block for plan action ${a.id}`)
        return { ...a, sla }
      }),
  }))
}

const work = (plan: PlanRow, practitionerId: string | null) => ({
  familyId: plan.familyId,
  teamId: plan.teamId,
  practitionerId,
  serviceRequestId: plan.serviceRequestId,
})

/** Each action's "by when" is a clock, due at the end of its date, met when the action is marked done. */
async function addActions(trx: Trx, ctx: ChangeContext, plan: PlanRow, inputs: PlanActionCreate[], at: Date, field: string): Promise<WorkEvent[]> {
  const day = at.toISOString().slice(0, 10)
  inputs.forEach((a, i) => {
    if (a.dueOn < day) throw invalidField(`${field}[${i}].dueOn`, 'must not be before the plan was made')
  })
  const rows = await insertPlanActions(
    trx,
    inputs.map((a) => ({ id: uuidv7(), planId: plan.id, what: a.what, who: a.who, dueOn: a.dueOn, doneAt: null, addedInVersion: plan.currentVersion })),
    ctx.now,
  )
  return rows.map((a) => ({
    type: 'plan-action.added',
    subjectType: 'plan_action',
    subjectId: a.id,
    occurredAt: at,
    work: work(plan, null),
    parentSubjects: [
      { type: 'plan', id: plan.id },
      { type: 'service_request', id: plan.serviceRequestId },
    ],
    until: a.dueOn,
    data: { what: a.what, who: a.who, dueOn: a.dueOn },
  }))
}

/**
 * The multi-agency action plan's working together agreement, danger statements and safety goals (000 §8):
 * those given, else what the joint visit with the social worker scoped, where one is recorded.
 */
function safetyOf(input: Pick<PlanCreate, 'workingTogetherAgreement' | 'dangerStatements' | 'safetyGoals'>, jointVisit: Record<string, unknown> | null) {
  const visit = safetyOfJointVisit(jointVisit)
  return {
    workingTogetherAgreement: input.workingTogetherAgreement ?? visit.workingTogetherAgreement,
    dangerStatements: input.dangerStatements ?? visit.dangerStatements,
    safetyGoals: input.safetyGoals ?? visit.safetyGoals,
  }
}

/**
 * A plan for an allocated request (000, 001, 002, 004), with its actions, who agreed it, and version 1.
 * Where consent is obtained at the initial visit (002), no plan starts until it is recorded (409).
 */
export async function createPlan(db: Db, ctx: ChangeContext, input: PlanCreate) {
  const row = await runInTransaction(db, async (trx) => {
    const { request, allocation } = await lockAllocatedCase(trx, ctx.caller, input.serviceRequestId, 'a plan')
    if ((await presetOfTeam(trx, request.teamId)).policy.consentAtInitialVisit && !(await hasServiceConsent(trx, request.id)))
      throw conflict('The family’s consent to the service is obtained at the initial visit (002) and is not recorded: no plan starts without it')
    const at = eventTime(ctx.now, 'agreedAt', input.agreedAt, { at: allocation.allocatedAt, what: 'the allocation' })
    const plan = await insertPlan(
      trx,
      {
        id: uuidv7(),
        familyId: request.familyId,
        teamId: request.teamId,
        serviceRequestId: request.id,
        allocationId: allocation.id,
        kind: input.kind,
        content: JSON.stringify({
          summary: input.summary,
          agreedBy: input.agreedBy,
          ...safetyOf(input, input.kind === 'multi_agency_action_plan' ? allocation.jointVisit : null),
          agreedAt: at.toISOString(),
        }),
        createdByKeyId: ctx.caller.keyId,
        updatedByKeyId: ctx.caller.keyId,
      },
      ctx.now,
    )
    const events = await addActions(trx, ctx, plan, input.actions, at, 'actions')
    await keepVersion(trx, ctx, plan, 'created', null)
    await recordEvents(trx, ctx, [
      {
        type: 'plan.created',
        subjectType: 'plan',
        subjectId: plan.id,
        familyId: plan.familyId,
        teamId: plan.teamId,
        serviceRequestId: plan.serviceRequestId,
        occurredAt: at,
        data: { kind: plan.kind },
      },
    ])
    await recordAndApply(
      trx,
      ctx,
      events.map((e) => ({ ...e, work: work(plan, allocation.practitionerId) })),
    )
    return plan
  })
  return (await presentPlans(db, [row], viewOf(ctx)))[0]
}

const defined = <T extends object>(fields: T) => Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>

/** One change to a plan under its case's lock, scoped, checked against If-Match. */
async function changePlan(db: Db, ctx: ChangeContext, id: string, expected: VersionCondition, change: (trx: Trx, plan: PlanRow) => Promise<PlanRow>) {
  const found = await findPlanById(db, id)
  if (!found) throw notFound(`Plan ${id}`)
  assertTeamVisible(ctx.caller, found.teamId, `Plan ${id}`)
  const row = await runInTransaction(db, async (trx) => {
    await lockCaseOf(trx, found.serviceRequestId)
    const plan = await lockPlanById(trx, id)
    if (!plan) throw new Error(`Plan ${id} vanished under its case's lock`)
    assertVersion(plan.version, expected)
    return change(trx, plan)
  })
  return (await presentPlans(db, [row], viewOf(ctx)))[0]
}

/**
 * A review of the plan: its changes make a new version; the old one is kept. A TAF review (002, every 8
 * weeks after the first meeting) is recorded on the request's open intervention in the same change.
 */
export const reviewPlan = (db: Db, ctx: ChangeContext, id: string, input: PlanReviewCreate, expected: VersionCondition) =>
  changePlan(db, ctx, id, expected, async (trx, plan) => {
    const heldAt = eventTime(ctx.now, 'heldAt', input.heldAt, { at: plan.content.agreedAt, what: 'the plan was agreed' })
    const { summary, agreedBy, workingTogetherAgreement, dangerStatements, safetyGoals } = input
    const content = { ...plan.content, ...defined({ summary, agreedBy, workingTogetherAgreement, dangerStatements, safetyGoals }) }
    const updated = await updatePlan(
      trx,
      plan.id,
      { content: JSON.stringify(content), currentVersion: plan.currentVersion + 1, version: plan.version + 1, updatedByKeyId: ctx.caller.keyId },
      ctx.now,
    )
    const events = await addActions(trx, ctx, updated, input.addActions ?? [], heldAt, 'addActions')
    const kind = input.kind ?? 'review'
    const attendees = input.attendees ?? []
    const interventionId =
      kind === 'taf_review'
        ? await recordTafReviewOfRequest(trx, ctx, plan.serviceRequestId, { heldAt, attendees, notes: input.notes ?? null, planId: plan.id })
        : null
    await keepVersion(trx, ctx, updated, 'review', {
      kind,
      heldAt: heldAt.toISOString(),
      heldBy: input.heldBy,
      attendees,
      notes: input.notes ?? null,
      interventionId,
    })
    await recordEvents(trx, ctx, [
      {
        type: 'plan.reviewed',
        subjectType: 'plan',
        subjectId: plan.id,
        familyId: plan.familyId,
        teamId: plan.teamId,
        serviceRequestId: plan.serviceRequestId,
        occurredAt: heldAt,
        data: { version: updated.currentVersion, kind, interventionId },
      },
    ])
    await recordAndApply(trx, ctx, events)
    return updated
  })

/** An action done: its clock stops (met, or met late after its date). */
export const completeAction = (db: Db, ctx: ChangeContext, id: string, actionId: string, input: { doneAt?: string }) =>
  changePlan(db, ctx, id, null, async (trx, plan) => {
    const action = (await actionsOfPlans(trx, [plan.id])).find((a) => a.id === actionId)
    if (!action) throw notFound(`Action ${actionId} of plan ${id}`)
    if (action.doneAt) throw conflict('The action is already done')
    const doneAt = eventTime(ctx.now, 'doneAt', input.doneAt, { at: plan.content.agreedAt, what: 'the plan was agreed' })
    await markActionDone(trx, action.id, doneAt)
    await recordAndApply(trx, ctx, [
      {
        type: 'plan-action.done',
        subjectType: 'plan_action',
        subjectId: action.id,
        occurredAt: doneAt,
        work: work(plan, null),
        parentSubjects: [
          { type: 'plan', id: plan.id },
          { type: 'service_request', id: plan.serviceRequestId },
        ],
      },
    ])
    return updatePlan(trx, plan.id, { version: plan.version + 1, updatedByKeyId: ctx.caller.keyId }, ctx.now)
  })

/**
 * Signs off the plan. A plan with no actions cannot be (409). Signing off a Level 3 plan is the
 * co-ordinator's sign-off of 002: it stops its allocation's 20-working-day clock.
 */
export const signOffPlan = (db: Db, ctx: ChangeContext, id: string, input: PlanSignOff, expected: VersionCondition) =>
  changePlan(db, ctx, id, expected, async (trx, plan) => {
    if (plan.signedOff) throw conflict('The plan is already signed off')
    if ((await actionsOfPlans(trx, [plan.id])).length === 0) throw conflict('A plan with no actions cannot be signed off: add its actions at a review first')
    const at = eventTime(ctx.now, 'signedOffAt', input.signedOffAt, { at: plan.content.agreedAt, what: 'the plan was agreed' })
    const events: WorkEvent[] = []
    if (plan.kind === 'level_3_plan' && plan.allocationId) events.push(...(await signOffPlanOfAllocation(trx, ctx, plan.allocationId, at, input.signedOffBy)))
    const updated = await updatePlan(
      trx,
      plan.id,
      {
        status: 'signed_off',
        signedOff: JSON.stringify({ signedOffAt: at.toISOString(), signedOffBy: input.signedOffBy }),
        version: plan.version + 1,
        updatedByKeyId: ctx.caller.keyId,
      },
      ctx.now,
    )
    await recordEvents(trx, ctx, [
      {
        type: 'plan.signed-off',
        subjectType: 'plan',
        subjectId: plan.id,
        familyId: plan.familyId,
        teamId: plan.teamId,
        serviceRequestId: plan.serviceRequestId,
        occurredAt: at,
        data: { signedOffBy: input.signedOffBy },
      },
    ])
    await recordAndApply(trx, ctx, events)
    return updated
  })

export { findPlanById, findPlanVersion, versionsOfPlan }
