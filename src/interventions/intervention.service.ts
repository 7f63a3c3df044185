import { DateTime } from 'luxon'
import { v7 as uuidv7 } from 'uuid'
import { lockAllocationById } from '../allocations/allocation.repository.js'
import type { Db } from '../db/database.js'
import { assertNotFuture } from '../http/as-of.js'
import { assertTeamVisible, type ChangeContext } from '../http/context.js'
import { ProblemError, conflict, forbidden, invalidField, invalidReference, notFound } from '../http/problems.js'
import { assertVersion } from '../http/versioning.js'
import { findMeasure } from '../outcome-measures/catalogue.js'
import { presetById } from '../sla-clocks/presets.js'
import { recordAndApply, type WorkEvent } from '../sla-clocks/record-and-apply.js'
import { slaBlocksForSubjects } from '../sla-clocks/sla-blocks.js'
import type { StandardsPreset } from '../sla/index.js'
import { lockInterventionById, maximumDurationDue, selectedMeasuresOf } from './intervention.repository.js'
import type { ContactCreate, EndInput } from './intervention.schemas.js'
import type { ContactRow, Entry, InterventionRow, InterventionsTable } from './intervention.table.js'

type Trx = Parameters<Parameters<ReturnType<Db['transaction']>['execute']>[0]>[0]
type Update = Partial<{ [K in keyof InterventionsTable]: unknown }>

const ZONE = 'Europe/London'
const localDay = (at: Date) => DateTime.fromJSDate(at, { zone: ZONE })
const iso = (at: Date) => at.toISOString()

export async function presentInterventions(db: Db, rows: InterventionRow[], asOf: Date) {
  const ids = rows.map((r) => r.id)
  const [blocks, measures] = await Promise.all([slaBlocksForSubjects(db, ids, asOf), selectedMeasuresOf(db, ids)])
  return rows.map(({ createdByKeyId: _c, updatedByKeyId: _u, ...row }) => ({
    ...row,
    outcomeMeasures: measures.filter((m) => m.interventionId === row.id).map((m) => ({
      measureId: m.measureId, category: findMeasure(m.measureId)?.category ?? 'unknown', title: findMeasure(m.measureId)?.title ?? m.measureId,
      selectedBy: m.selectedBy, selectedAt: m.selectedAt,
    })),
    sla: blocks.get(row.id)!,
  }))
}

export async function presentContacts(db: Db, rows: ContactRow[], asOf: Date) {
  const blocks = await slaBlocksForSubjects(db, rows.map((r) => r.id), asOf)
  return rows.map(({ createdByKeyId: _c, updatedByKeyId: _u, ...row }) => ({ ...row, sla: blocks.get(row.id)! }))
}

const at = (field: string, value: string | undefined, ctx: ChangeContext) => {
  assertNotFuture(field, value, ctx.now)
  return value ? new Date(value) : ctx.now
}

/** Where an intervention's clocks are filed, and its ancestors: the allocation and the request (subjects.ts). */
export const interventionWork = (i: Pick<InterventionRow, 'id' | 'allocationId' | 'serviceRequestId' | 'familyId' | 'teamId' | 'practitionerId'>) => ({
  work: { familyId: i.familyId, teamId: i.teamId, practitionerId: i.practitionerId, serviceRequestId: i.serviceRequestId },
  parentSubjects: [{ type: 'allocation', id: i.allocationId }, { type: 'service_request', id: i.serviceRequestId }],
})

const event = (i: InterventionRow, type: string, occurredAt: Date, data?: Record<string, unknown>): WorkEvent =>
  ({ type, subjectType: 'intervention', subjectId: i.id, occurredAt, ...interventionWork(i), data })

/**
 * Starts the direct work after allocation (000 §6): the request's focus and target outcomes become the
 * agreed outcomes, and the joint visit's working together agreement, danger statements and safety goals
 * are carried over. Starts the intervention's clocks; in the TRT preset it is planning progress, so the
 * allocation's planning-progress clock stops.
 */
export async function createIntervention(db: Db, ctx: ChangeContext, input: { allocationId: string; startedAt?: string }) {
  const startedAt = at('startedAt', input.startedAt, ctx)
  const row = await db.transaction().execute(async (trx) => {
    const allocation = await lockAllocationById(trx, input.allocationId)
    if (!allocation || (ctx.caller.teamId && ctx.caller.teamId !== allocation.teamId)) throw invalidReference('allocationId', `allocation ${input.allocationId}`)
    if (allocation.status !== 'active') throw conflict('The allocation has ended; an intervention starts from an active allocation')
    if (startedAt < allocation.allocatedAt) throw invalidField('startedAt', 'must not be before the allocation')
    const existing = await trx.selectFrom('interventions').select('id').where('allocationId', '=', allocation.id).executeTakeFirst()
    if (existing) throw conflict(`This allocation’s intervention has already started: /interventions/${existing.id}`)
    const request = await trx.selectFrom('serviceRequests').select(['focus', 'targetOutcomes']).where('id', '=', allocation.serviceRequestId).executeTakeFirstOrThrow()
    const visit = (allocation.jointVisit ?? {}) as { workingTogetherAgreement?: string; dangerStatements?: string[]; safetyGoals?: string[] }
    const intervention = await trx.insertInto('interventions').values({
      id: uuidv7(), allocationId: allocation.id, serviceRequestId: allocation.serviceRequestId, familyId: allocation.familyId, teamId: allocation.teamId,
      practitionerId: allocation.practitionerId, startedAt, focus: request.focus, agreedOutcomes: JSON.stringify(request.targetOutcomes),
      workingTogetherAgreement: visit.workingTogetherAgreement ?? null,
      dangerStatements: JSON.stringify(visit.dangerStatements ?? []), safetyGoals: JSON.stringify(visit.safetyGoals ?? []),
      createdByKeyId: ctx.caller.keyId, updatedByKeyId: ctx.caller.keyId,
    }).returningAll().executeTakeFirstOrThrow()
    await recordAndApply(trx, ctx, [event(intervention, 'intervention.started', startedAt, { allocationId: allocation.id })])
    return intervention
  })
  return (await presentInterventions(db, [row], ctx.now))[0]
}

interface Change {
  /** Columns to set, besides the version and audit columns. */
  set: Update
  events: WorkEvent[]
}

/** One change to an intervention: locked, scoped to the caller's team, checked against If-Match, in one transaction. */
async function changeIntervention(db: Db, ctx: ChangeContext, id: string, expectedVersion: number | null, decide: (trx: Trx, current: InterventionRow) => Promise<Change> | Change) {
  const row = await db.transaction().execute(async (trx) => {
    const current = await lockInterventionById(trx, id)
    if (!current) throw notFound(`Intervention ${id}`)
    assertTeamVisible(ctx.caller, current.teamId, `Intervention ${id}`)
    assertVersion(current.version, expectedVersion)
    const { set, events } = await decide(trx, current)
    const updated = await trx.updateTable('interventions')
      .set({ ...(set as object), version: current.version + 1, updatedAt: ctx.now, updatedByKeyId: ctx.caller.keyId })
      .where('id', '=', id).returningAll().executeTakeFirstOrThrow()
    await recordAndApply(trx, ctx, events)
    return updated
  })
  return (await presentInterventions(db, [row], ctx.now))[0]
}

const assertOpen = (i: InterventionRow) => {
  if (i.status === 'ended') throw conflict('The intervention has ended')
}
const assertAfterStart = (i: InterventionRow, field: string, when: Date) => {
  if (when < i.startedAt) throw invalidField(field, 'must not be before the intervention started')
}
const assertManager = (ctx: ChangeContext, what: string) => {
  if (ctx.caller.role !== 'manager' && ctx.caller.role !== 'admin') throw forbidden(`Only a manager may ${what}`)
}

/** The latest date the work may be planned to run to: the maximum-duration due date (or 6 months), or a manager's exception. */
async function latestEnd(trx: Trx, i: InterventionRow): Promise<{ date: string; byException: boolean }> {
  const exception = i.durationException as { until?: string } | null
  if (exception?.until) return { date: exception.until, byException: true }
  return { date: (await maximumDurationDue(trx, i.id)) ?? localDay(i.startedAt).plus({ months: 6 }).toISODate()!, byException: false }
}

export async function recordReview(db: Db, ctx: ChangeContext, id: string, input: { heldAt?: string; decision: 'continue' | 'extend' | 'end'; extendedUntil?: string; notes?: string }, expected: number | null) {
  const heldAt = at('heldAt', input.heldAt, ctx)
  if (input.decision !== 'continue') assertManager(ctx, `decide to ${input.decision} an intervention at review`)
  if (input.decision === 'extend' && !input.extendedUntil) throw invalidField('extendedUntil', 'is required to extend the intervention')
  if (input.decision !== 'extend' && input.extendedUntil) throw invalidField('extendedUntil', 'is only for a decision to extend')
  return changeIntervention(db, ctx, id, expected, async (trx, current) => {
    assertOpen(current)
    assertAfterStart(current, 'heldAt', heldAt)
    const set: Update = {}
    if (input.extendedUntil) {
      if (input.extendedUntil <= localDay(heldAt).toISODate()!) throw invalidField('extendedUntil', 'must be after the review')
      const latest = await latestEnd(trx, current)
      if (input.extendedUntil > latest.date) {
        throw new ProblemError('unprocessable', `The intervention may run to ${latest.date} at most${latest.byException ? ' under its recorded exception' : ' (6 months); past that only with a manager’s recorded duration exception'}`, [
          { in: 'body', field: 'extendedUntil', message: `must not be after ${latest.date}` },
        ])
      }
      set.extendedUntil = input.extendedUntil
    }
    const review = { heldAt: iso(heldAt), decision: input.decision, extendedUntil: input.extendedUntil ?? null, notes: input.notes ?? null }
    set.reviews = JSON.stringify([...current.reviews, review])
    return { set, events: [event(current, 'intervention.review-held', heldAt, { decision: input.decision, extendedUntil: input.extendedUntil ?? null })] }
  })
}

/** Consent is given for 3 months and extended once, to at most 6 months in all (000 §1). */
export async function extendConsent(db: Db, ctx: ChangeContext, id: string, input: { extendedAt?: string; until: string; recordedBy: string }, expected: number | null) {
  const extendedAt = at('extendedAt', input.extendedAt, ctx)
  return changeIntervention(db, ctx, id, expected, (_trx, current) => {
    assertOpen(current)
    assertAfterStart(current, 'extendedAt', extendedAt)
    if (current.consentExtension) throw conflict('The family’s consent has already been extended once; it cannot be extended again')
    const start = localDay(current.startedAt)
    const initial = start.plus({ months: 3 }).toISODate()!
    const maximum = start.plus({ months: 6 }).toISODate()!
    if (input.until <= initial) throw invalidField('until', `must be after the initial consent period, which ends ${initial}`)
    if (input.until > maximum) {
      throw new ProblemError('unprocessable', `Consent may be extended to at most 6 months in all: ${maximum}`, [{ in: 'body', field: 'until', message: `must not be after ${maximum}` }])
    }
    return {
      set: { consentExtension: JSON.stringify({ extendedAt: iso(extendedAt), until: input.until, recordedBy: input.recordedBy }) },
      events: [event(current, 'intervention.consent-extended', extendedAt, { until: input.until })],
    }
  })
}

const AUDIT_EVENTS = { first: 'intervention.first-audit-recorded', three_month: 'intervention.three-month-audit-recorded', final: 'intervention.final-audit-recorded' } as const

export async function recordAudit(db: Db, ctx: ChangeContext, id: string, input: { kind: keyof typeof AUDIT_EVENTS; recordedAt?: string; auditor: string; notes?: string }, expected: number | null) {
  const recordedAt = at('recordedAt', input.recordedAt, ctx)
  return changeIntervention(db, ctx, id, expected, (_trx, current) => {
    assertAfterStart(current, 'recordedAt', recordedAt)
    if (current.audits[input.kind]) throw conflict(`The ${input.kind.replace('_', '-')} audit is already recorded`)
    // The final audit may follow the ending (at 6 months or at the end); the others are of ongoing work.
    if (input.kind !== 'final') assertOpen(current)
    return {
      set: { audits: JSON.stringify({ ...current.audits, [input.kind]: { recordedAt: iso(recordedAt), auditor: input.auditor, notes: input.notes ?? null } }) },
      events: [event(current, AUDIT_EVENTS[input.kind], recordedAt)],
    }
  })
}

export async function recordJointSupervision(db: Db, ctx: ChangeContext, id: string, input: { heldAt?: string; attendees?: string[]; notes?: string }, expected: number | null) {
  const heldAt = at('heldAt', input.heldAt, ctx)
  return changeIntervention(db, ctx, id, expected, (_trx, current) => {
    assertOpen(current)
    assertAfterStart(current, 'heldAt', heldAt)
    return {
      set: { jointSupervisions: JSON.stringify([...current.jointSupervisions, { heldAt: iso(heldAt), attendees: input.attendees ?? [], notes: input.notes ?? null }]) },
      events: [event(current, 'intervention.joint-supervision-held', heldAt)],
    }
  })
}

const MEETING_EVENTS = { first: 'intervention.first-meeting-held', taf_review: 'intervention.taf-review-held', final: 'intervention.final-meeting-held' } as const

export async function recordMeeting(db: Db, ctx: ChangeContext, id: string, input: { kind: keyof typeof MEETING_EVENTS; heldAt?: string; attendees?: string[]; notes?: string }, expected: number | null) {
  const heldAt = at('heldAt', input.heldAt, ctx)
  return changeIntervention(db, ctx, id, expected, (_trx, current) => {
    assertOpen(current)
    assertAfterStart(current, 'heldAt', heldAt)
    const kinds = current.meetings.map((m) => m.kind)
    if (input.kind !== 'taf_review' && kinds.includes(input.kind)) throw conflict(`The ${input.kind} meeting is already recorded`)
    if (input.kind === 'taf_review' && !kinds.includes('first')) throw conflict('A TAF review follows the first meeting, which is not recorded yet')
    return {
      set: { meetings: JSON.stringify([...current.meetings, { kind: input.kind, heldAt: iso(heldAt), attendees: input.attendees ?? [], notes: input.notes ?? null }]) },
      events: [event(current, MEETING_EVENTS[input.kind], heldAt)],
    }
  })
}

export async function recordFiveMonthCheck(db: Db, ctx: ChangeContext, id: string, input: { heldAt?: string; checkedBy: string; notes?: string }, expected: number | null) {
  const heldAt = at('heldAt', input.heldAt, ctx)
  return changeIntervention(db, ctx, id, expected, (_trx, current) => {
    assertOpen(current)
    assertAfterStart(current, 'heldAt', heldAt)
    if (current.fiveMonthCheck) throw conflict('The five-month check is already recorded')
    return {
      set: { fiveMonthCheck: JSON.stringify({ heldAt: iso(heldAt), checkedBy: input.checkedBy, notes: input.notes ?? null }) },
      events: [event(current, 'intervention.five-month-check-held', heldAt)],
    }
  })
}

/** Suspension (003: e.g. during a Section 47 enquiry) pauses the intervention's pausable clocks. */
export async function suspendIntervention(db: Db, ctx: ChangeContext, id: string, input: { at?: string; reason: string }, expected: number | null) {
  const when = at('at', input.at, ctx)
  return changeIntervention(db, ctx, id, expected, (_trx, current) => {
    assertOpen(current)
    if (current.status === 'suspended') throw conflict('The intervention is already suspended')
    assertAfterStart(current, 'at', when)
    const last = current.suspensions.at(-1) as { resumedAt?: string } | undefined
    if (last?.resumedAt && when < new Date(last.resumedAt)) throw invalidField('at', 'must not be before the last resumption')
    return {
      set: { status: 'suspended', suspendedAt: when, suspensions: JSON.stringify([...current.suspensions, { suspendedAt: iso(when), reason: input.reason, resumedAt: null }]) },
      events: [event(current, 'intervention.suspended', when, { reason: input.reason })],
    }
  })
}

/** Resumption restarts the paused clocks with the paused working days added to their due dates (003). */
export async function resumeIntervention(db: Db, ctx: ChangeContext, id: string, input: { at?: string }, expected: number | null) {
  const when = at('at', input.at, ctx)
  return changeIntervention(db, ctx, id, expected, (_trx, current) => {
    if (current.status !== 'suspended' || !current.suspendedAt) throw conflict('The intervention is not suspended')
    if (when < current.suspendedAt) throw invalidField('at', 'must not be before the suspension')
    const suspensions = current.suspensions.map((s, i) => (i === current.suspensions.length - 1 ? { ...s, resumedAt: iso(when) } : s))
    return {
      set: { status: 'active', suspendedAt: null, suspensions: JSON.stringify(suspensions) },
      events: [event(current, 'intervention.resumed', when)],
    }
  })
}

/** A manager's recorded exception to continue past the maximum duration (000 §6; 003). */
export async function recordDurationException(db: Db, ctx: ChangeContext, id: string, input: { recordedAt?: string; until: string; reason: string; agreedBy: string }, expected: number | null) {
  const recordedAt = at('recordedAt', input.recordedAt, ctx)
  return changeIntervention(db, ctx, id, expected, async (trx, current) => {
    assertOpen(current)
    assertAfterStart(current, 'recordedAt', recordedAt)
    const maximum = (await maximumDurationDue(trx, current.id)) ?? localDay(current.startedAt).plus({ months: 6 }).toISODate()!
    if (input.until <= maximum) throw invalidField('until', `must be after the maximum duration, ${maximum}: no exception is needed before it`)
    return {
      set: { durationException: JSON.stringify({ recordedAt: iso(recordedAt), until: input.until, reason: input.reason, agreedBy: input.agreedBy }) },
      events: [],
    }
  })
}

/** Whether the team's service holds a final Team Around the Family meeting before closure (document 002). */
export const requiresFinalMeeting = (preset: StandardsPreset) =>
  preset.standards.some((s) => [...s.startsOn, ...s.stopsOn].some((e) => e === 'intervention.first-meeting-held' || e === 'intervention.taf-review-held'))

/**
 * Ends the intervention with the summary of work (000 §6). The ending stops or cancels the
 * intervention's clocks per the preset (the final audit stays open until recorded, unless it is recorded
 * with the ending), ends the allocation and the request, and sets the 6-month baseline follow-up.
 */
export async function endIntervention(db: Db, ctx: ChangeContext, id: string, input: EndInput, expected: number | null) {
  const endedAt = at('endedAt', input.endedAt, ctx)
  return changeIntervention(db, ctx, id, expected, async (trx, current) => {
    assertOpen(current)
    assertAfterStart(current, 'endedAt', endedAt)
    if (current.suspendedAt && endedAt < current.suspendedAt) throw invalidField('endedAt', 'must not be before the suspension')
    const team = await trx.selectFrom('teams').select('standardsPreset').where('id', '=', current.teamId).executeTakeFirstOrThrow()
    if (requiresFinalMeeting(presetById(team.standardsPreset)) && !current.meetings.some((m) => m.kind === 'final')) {
      throw new ProblemError('unprocessable', 'A final Team Around the Family meeting must be held before the case is closed', [{ in: 'body', field: 'endedAt', message: 'needs the final meeting recorded first' }])
    }
    const { finalAudit, endedAt: _e, ...summary } = input
    const set: Update = {
      status: 'ended', endedAt, suspendedAt: null,
      ending: JSON.stringify({ ...summary, handover: summary.handover ?? null }),
      followUpDueOn: localDay(endedAt).plus({ months: 6 }).toISODate(),
    }
    if (current.status === 'suspended') {
      set.suspensions = JSON.stringify(current.suspensions.map((s, i) => (i === current.suspensions.length - 1 ? { ...s, resumedAt: iso(endedAt) } : s)))
    }
    const events = [event(current, 'intervention.ended', endedAt, { reason: 'completed' })]
    if (finalAudit) {
      if (current.audits.final) throw conflict('The final audit is already recorded')
      set.audits = JSON.stringify({ ...current.audits, final: { recordedAt: iso(endedAt), auditor: finalAudit.auditor, notes: finalAudit.notes ?? null } })
      events.push(event(current, 'intervention.final-audit-recorded', endedAt))
    }
    // The family comes off the practitioner's caseload and the request is finished.
    const allocation = await lockAllocationById(trx, current.allocationId)
    if (allocation && allocation.status === 'active') {
      await trx.updateTable('allocations').set({ status: 'ended', endedAt, endedReason: 'intervention_ended', version: allocation.version + 1, updatedAt: ctx.now, updatedByKeyId: ctx.caller.keyId })
        .where('id', '=', allocation.id).execute()
      events.push({ type: 'allocation.ended', subjectType: 'allocation', subjectId: allocation.id, occurredAt: endedAt, work: interventionWork(current).work, parentSubjects: [{ type: 'service_request', id: current.serviceRequestId }], data: { reason: 'intervention_ended' } })
    }
    const request = await trx.selectFrom('serviceRequests').select(['status', 'version']).where('id', '=', current.serviceRequestId).forUpdate().executeTakeFirstOrThrow()
    if (request.status === 'allocated') {
      await trx.updateTable('serviceRequests').set({ status: 'ended', endedReason: 'intervention_ended', endedAt, version: request.version + 1, updatedAt: ctx.now, updatedByKeyId: ctx.caller.keyId })
        .where('id', '=', current.serviceRequestId).execute()
      events.push({ type: 'service-request.ended', subjectType: 'service_request', subjectId: current.serviceRequestId, occurredAt: endedAt, work: interventionWork(current).work, data: { reason: 'intervention_ended' } })
    }
    return { set, events }
  })
}

/** The baseline measures checked at the follow-up, 6 months after the ending (000 Appendix 2). */
export async function recordBaselineFollowUp(db: Db, ctx: ChangeContext, id: string, input: { recordedAt?: string; results: { measureId: string; achieved: boolean; notes?: string }[] }, expected: number | null) {
  const recordedAt = at('recordedAt', input.recordedAt, ctx)
  input.results.forEach((r, i) => {
    const measure = findMeasure(r.measureId)
    if (!measure) throw invalidReference(`results[${i}].measureId`, `outcome measure ${r.measureId}`)
    if (measure.scored) throw invalidField(`results[${i}].measureId`, 'is a scored measure; the follow-up records baseline measures')
  })
  if (new Set(input.results.map((r) => r.measureId)).size !== input.results.length) throw invalidField('results', 'names a measure twice')
  return changeIntervention(db, ctx, id, expected, (_trx, current) => {
    if (current.status !== 'ended' || !current.followUpDueOn) throw conflict('The baseline follow-up is 6 months after the intervention ends; it has not ended')
    if (current.baselineFollowUp) throw conflict('The baseline follow-up is already recorded')
    if (localDay(recordedAt).toISODate()! < current.followUpDueOn) throw invalidField('recordedAt', `must not be before the follow-up date, ${current.followUpDueOn}`)
    return {
      set: { baselineFollowUp: JSON.stringify({ recordedAt: iso(recordedAt), results: input.results.map((r) => ({ ...r, notes: r.notes ?? null })) }) },
      events: [],
    }
  })
}

/** Selects outcome measures with the family, social worker and practitioner (000 §7). */
export async function selectMeasures(db: Db, ctx: ChangeContext, id: string, input: { measureIds: string[]; selectedBy: string[]; selectedAt?: string }, expected: number | null) {
  const selectedAt = at('selectedAt', input.selectedAt, ctx)
  input.measureIds.forEach((m, i) => {
    if (!findMeasure(m)) throw invalidReference(`measureIds[${i}]`, `outcome measure ${m}`)
  })
  return changeIntervention(db, ctx, id, expected, async (trx, current) => {
    assertOpen(current)
    assertAfterStart(current, 'selectedAt', selectedAt)
    await trx.insertInto('interventionOutcomeMeasures')
      .values(input.measureIds.map((measureId) => ({ interventionId: id, measureId, selectedBy: JSON.stringify(input.selectedBy), selectedAt, createdByKeyId: ctx.caller.keyId })))
      .onConflict((oc) => oc.columns(['interventionId', 'measureId']).doNothing())
      .execute()
    return { set: {}, events: [] }
  })
}

/** Records one score (1–10) of a selected, scored measure by phase and perspective; perspectives may disagree, and all are kept. */
export async function recordScore(db: Db, ctx: ChangeContext, id: string, input: { measureId: string; phase: 'start' | 'review' | 'end'; perspective: 'social_worker' | 'practitioner' | 'child' | 'parent_carer'; score: number; recordedAt?: string; notes?: string }) {
  const recordedAt = at('recordedAt', input.recordedAt, ctx)
  const measure = findMeasure(input.measureId)
  if (!measure) throw invalidReference('measureId', `outcome measure ${input.measureId}`)
  if (!measure.scored) throw invalidField('measureId', 'is a baseline measure: it is recorded at the follow-up, not scored')
  return db.transaction().execute(async (trx) => {
    const current = await lockInterventionById(trx, id)
    if (!current) throw notFound(`Intervention ${id}`)
    assertTeamVisible(ctx.caller, current.teamId, `Intervention ${id}`)
    assertAfterStart(current, 'recordedAt', recordedAt)
    if (current.status === 'ended' && input.phase !== 'end') throw conflict('The intervention has ended; only end scores can still be recorded')
    const selected = await trx.selectFrom('interventionOutcomeMeasures').select('measureId').where('interventionId', '=', id).where('measureId', '=', input.measureId).executeTakeFirst()
    if (!selected) throw new ProblemError('unprocessable', `Measure ${input.measureId} is not selected for this intervention`, [{ in: 'body', field: 'measureId', message: 'is not selected for this intervention; select it first' }])
    const duplicate = await trx.selectFrom('outcomeScores').select('id').where('interventionId', '=', id).where('measureId', '=', input.measureId)
      .where('phase', '=', input.phase).where('perspective', '=', input.perspective).executeTakeFirst()
    if (duplicate) throw conflict(`The ${input.perspective} ${input.phase} score of ${input.measureId} is already recorded: /interventions/${id}/outcome-scores`)
    const row = await trx.insertInto('outcomeScores').values({
      id: uuidv7(), interventionId: id, measureId: input.measureId, phase: input.phase, perspective: input.perspective, score: input.score,
      recordedAt, notes: input.notes ?? null, createdByKeyId: ctx.caller.keyId, updatedByKeyId: ctx.caller.keyId,
    }).returningAll().executeTakeFirstOrThrow()
    const { createdByKeyId: _c, updatedByKeyId: _u, ...score } = row
    return score
  })
}

/**
 * A case recording (000 §13). The contact's occurrence stops the intervention's weekly-contact clock and
 * starts the next (000 §14), and starts the contact's own recording clock, which its recording stops.
 */
export async function createContact(db: Db, ctx: ChangeContext, interventionId: string, input: ContactCreate) {
  const occurredAt = at('occurredAt', input.occurredAt, ctx)
  const recordedAt = at('recordedAt', input.recordedAt, ctx)
  if (recordedAt < occurredAt) throw invalidField('recordedAt', 'must not be before the contact took place')
  if (input.nextContactAt && new Date(input.nextContactAt) < occurredAt) throw invalidField('nextContactAt', 'must be after the contact')
  const row = await db.transaction().execute(async (trx) => {
    const current = await lockInterventionById(trx, interventionId)
    if (!current) throw notFound(`Intervention ${interventionId}`)
    assertTeamVisible(ctx.caller, current.teamId, `Intervention ${interventionId}`)
    assertAfterStart(current, 'occurredAt', occurredAt)
    if (current.endedAt && occurredAt > current.endedAt) throw conflict('The intervention has ended; only contacts before its end can be recorded')
    const contact = await trx.insertInto('interventionContacts').values({
      id: uuidv7(), interventionId, familyId: current.familyId, teamId: current.teamId, practitionerId: current.practitionerId,
      occurredAt, recordedAt, durationMinutes: input.durationMinutes, location: input.location, purpose: input.purpose,
      present: JSON.stringify(input.present), childSeenAlone: input.childSeenAlone, voiceOfChild: input.voiceOfChild,
      observations: input.observations, analysis: input.analysis, actions: input.actions, nextContactAt: input.nextContactAt ? new Date(input.nextContactAt) : null,
      createdByKeyId: ctx.caller.keyId, updatedByKeyId: ctx.caller.keyId,
    }).returningAll().executeTakeFirstOrThrow()
    const { work, parentSubjects } = interventionWork(current)
    const chain = [{ type: 'intervention', id: current.id }, ...parentSubjects]
    await recordAndApply(trx, ctx, [
      { type: 'contact.occurred', subjectType: 'contact', subjectId: contact.id, occurredAt, work, parentSubjects: chain, data: { interventionId, durationMinutes: input.durationMinutes } },
      { type: 'contact.recorded', subjectType: 'contact', subjectId: contact.id, occurredAt: recordedAt, work, parentSubjects: chain, data: { interventionId } },
    ])
    return contact
  })
  return (await presentContacts(db, [row], ctx.now))[0]
}

export type { Entry }
