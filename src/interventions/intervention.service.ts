import type { Transaction } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import { allocationOf, lockAllocation } from '../allocations/allocation.lifecycle.js'
import { jointVisitsOf } from '../allocations/allocation.service.js'
import { hasServiceConsent } from '../consents/consent.service.js'
import { type Caller, type ChangeContext, type View, viewOf } from '../context.js'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema.js'
import type { InterventionRow } from '../db/tables/intervention.table.js'
import type { ServiceRequestRow } from '../db/tables/service-request.table.js'
import { runInTransaction } from '../db/transaction.js'
import { assertTeamVisible } from '../http/context.js'
import { eventTime } from '../http/event-time.js'
import { conflict, invalidReference, notFound } from '../http/problems.js'
import { assertVersion, type VersionCondition } from '../http/versioning.js'
import { findMeasure } from '../outcome-measures/catalogue.js'
import { missingScores } from '../outcome-measures/score-completeness.js'
import { currentPlanSafetyOf, type Safety, safetyOfJointVisit } from '../plan-versions/plan-safety.service.js'
import { lockCaseOf } from '../service-requests/service-request.lifecycle.js'
import { findStandard, presetById, type StandardsPreset, type TargetUnit } from '../sla/index.js'
import { recordAndApply, type WorkEvent } from '../sla-clocks/record-and-apply.js'
import { slaBlocksForSubjects } from '../sla-clocks/sla-blocks.js'
import {
  durationStandardDue,
  findInterventionById,
  findInterventionIdOfAllocation,
  findStandardsPresetOfTeam,
  type InterventionChanges,
  insertIntervention,
  lockInterventionById,
  updateIntervention,
} from './intervention.repository.js'
import { event, isoDate, localDay, textOf } from './intervention.rules.js'
import type { InterventionCreate } from './intervention.schemas.js'
import { scoredPhasesOf, selectedMeasuresOf } from './outcome-score.repository.js'

/**
 * The working together agreement, danger statements and safety goals the work follows: the multi-agency
 * action plan holds them (000 §8), so they are read from the case's current one, as last revised; until the
 * case has one, what the joint visit of the intervention's allocation agreed.
 */
async function safetyOfInterventions(db: Db, rows: InterventionRow[]): Promise<(row: Pick<InterventionRow, 'serviceRequestId' | 'allocationId'>) => Safety> {
  const plans = await currentPlanSafetyOf(
    db,
    rows.map((r) => r.serviceRequestId),
  )
  const visits = await jointVisitsOf(
    db,
    rows.filter((r) => !plans.has(r.serviceRequestId)).map((r) => r.allocationId),
  )
  return (row) => plans.get(row.serviceRequestId) ?? safetyOfJointVisit(visits.get(row.allocationId) ?? null)
}

export async function presentInterventions(db: Db, rows: InterventionRow[], view: View) {
  const ids = rows.map((r) => r.id)
  const [blocks, measures, scored, safety] = await Promise.all([
    slaBlocksForSubjects(db, ids, view),
    selectedMeasuresOf(db, ids),
    scoredPhasesOf(db, ids),
    safetyOfInterventions(db, rows),
  ])
  return rows.map(({ createdByKeyId: _c, updatedByKeyId: _u, ...row }) => {
    const sla = blocks.get(row.id)
    if (!sla) throw new Error(`No SLA block for intervention ${row.id}`)
    const outcomeMeasures = measures
      .filter((m) => m.interventionId === row.id)
      .map((m) => ({
        measureId: m.measureId,
        category: findMeasure(m.measureId)?.category ?? 'unknown',
        title: findMeasure(m.measureId)?.title ?? m.measureId,
        selectedBy: m.selectedBy,
        selectedAt: m.selectedAt,
      }))
    const gaps = missingScores(
      { reviewHeld: row.reviews.length > 0, ended: row.status === 'ended' },
      outcomeMeasures.map((m) => m.measureId),
      scored.filter((s) => s.interventionId === row.id),
    )
    return { ...row, ...safety(row), outcomeMeasures, missingScores: gaps, sla }
  })
}

/** An intervention as the API returns it. */
export type InterventionView = Awaited<ReturnType<typeof presentInterventions>>[number]

/** The intervention, if it exists and the caller's team may see it (404 otherwise). */
export async function visibleIntervention(db: Db, caller: Caller, id: string): Promise<InterventionRow> {
  const row = await findInterventionById(db, id)
  if (!row) throw notFound(`Intervention ${id}`)
  assertTeamVisible(caller, row.teamId, `Intervention ${id}`)
  return row
}

/** The team's preset, which holds the service's rules (consent period, duration limit, final meeting). */
export async function presetOfTeam(db: Db, teamId: string): Promise<StandardsPreset> {
  return presetById((await findStandardsPresetOfTeam(db, teamId)).standardsPreset)
}

/**
 * Starts the direct work after allocation (000 §6): the request's focus and target outcomes become the
 * agreed outcomes (the working together agreement, danger statements and safety goals stay with the plan
 * and the joint visit, and are shown from there). Starts the intervention's clocks; in the TRT preset it is
 * planning progress, so the allocation's planning-progress clock stops. Where the service sets a consent period, consent runs from
 * the start for its initial period (000 §1). Where consent is obtained at the initial visit (002), no
 * intervention starts until it is recorded (409).
 */
export async function createIntervention(db: Db, ctx: ChangeContext, input: InterventionCreate) {
  const found = await allocationOf(db, input.allocationId)
  if (!found || (ctx.caller.teamId && ctx.caller.teamId !== found.teamId)) throw invalidReference('allocationId', `allocation ${input.allocationId}`)
  const preset = await presetOfTeam(db, found.teamId)
  const row = await runInTransaction(db, async (trx) => {
    const request = await lockCaseOf(trx, found.serviceRequestId)
    const allocation = await lockAllocation(trx, input.allocationId)
    if (allocation.status !== 'active') throw conflict('The allocation has ended; an intervention starts from an active allocation')
    const startedAt = eventTime(ctx.now, 'startedAt', input.startedAt, { at: allocation.allocatedAt, what: 'the allocation' })
    if (preset.policy.consentAtInitialVisit && !(await hasServiceConsent(trx, allocation.serviceRequestId)))
      throw conflict('The family’s consent to the service is obtained at the initial visit (002) and is not recorded: no intervention starts without it')
    const existing = await findInterventionIdOfAllocation(trx, allocation.id)
    if (existing) throw conflict(`This allocation’s intervention has already started: /interventions/${existing.id}`)
    const period = preset.policy.consentPeriod
    const intervention = await insertIntervention(
      trx,
      {
        id: uuidv7(),
        allocationId: allocation.id,
        serviceRequestId: allocation.serviceRequestId,
        familyId: allocation.familyId,
        teamId: allocation.teamId,
        practitionerId: allocation.practitionerId,
        startedAt,
        focus: request.focus,
        agreedOutcomes: JSON.stringify(request.targetOutcomes),
        consentUntil: period ? isoDate(localDay(startedAt).plus({ [period.initial.unit]: period.initial.amount })) : null,
        createdByKeyId: ctx.caller.keyId,
        updatedByKeyId: ctx.caller.keyId,
      },
      ctx.now,
    )
    await recordAndApply(trx, ctx, [event(intervention, 'intervention.started', startedAt, { allocationId: allocation.id })])
    return intervention
  })
  return (await presentInterventions(db, [row], viewOf(ctx)))[0]
}

export interface Change {
  /** Columns to set, besides the version and audit columns. */
  set: InterventionChanges
  events: WorkEvent[]
}

/**
 * One change to an intervention, in the case's lock order (its request, then the intervention): scoped
 * to the caller's team, checked against If-Match, in one transaction. `decide` is given the locked request too.
 */
export async function changeIntervention(
  db: Db,
  ctx: ChangeContext,
  id: string,
  expectedVersion: VersionCondition,
  decide: (trx: Transaction<Database>, current: InterventionRow, request: ServiceRequestRow) => Promise<Change> | Change,
): Promise<InterventionView> {
  const found = await visibleIntervention(db, ctx.caller, id)
  const row = await runInTransaction(db, async (trx) => {
    const request = await lockCaseOf(trx, found.serviceRequestId)
    const current = await lockInterventionById(trx, id)
    if (!current) throw new Error(`Intervention ${id} vanished under its case's lock`)
    assertVersion(current.version, expectedVersion)
    const { set, events } = await decide(trx, current, request)
    const updated = await updateIntervention(trx, id, { ...set, version: current.version + 1, updatedByKeyId: ctx.caller.keyId }, ctx.now)
    await recordAndApply(trx, ctx, events)
    return updated
  })
  return (await presentInterventions(db, [row], viewOf(ctx)))[0]
}

const CALENDAR_UNITS: Partial<Record<TargetUnit, 'days' | 'weeks' | 'months'>> = { calendar_days: 'days', weeks: 'weeks', months: 'months' }

/**
 * The latest date the work may be planned to run to: a manager's recorded exception, else the due date of
 * the preset's duration standard (moved by any suspension), else the standard's own target from the start;
 * null where the service sets no limit (Targeted Help stays open until the support is completed, 001).
 */
export async function latestEnd(db: Db, i: InterventionRow, preset: StandardsPreset): Promise<{ date: string; byException: boolean } | null> {
  const exception = textOf(i.durationException, 'until')
  if (exception) return { date: exception, byException: true }
  const key = preset.policy.durationStandard
  if (key === null) return null
  const due = await durationStandardDue(db, i.id, key)
  if (due !== null) return { date: due, byException: false }
  const standard = findStandard(preset, key)
  if (!standard) throw new Error(`Preset ${preset.id} names ${key} as its duration standard but has no such standard`)
  const unit = CALENDAR_UNITS[standard.target.unit]
  return unit ? { date: isoDate(localDay(i.startedAt).plus({ [unit]: standard.target.amount })), byException: false } : null
}
