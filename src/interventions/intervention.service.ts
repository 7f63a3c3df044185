import { DateTime } from 'luxon'
import { v7 as uuidv7 } from 'uuid'
import { allocationOf, lockAllocation } from '../allocations/allocation.lifecycle.js'
import { type ChangeContext, type View, viewOf } from '../context.js'
import type { Db } from '../db/database.js'
import type { ContactRow, InterventionRow, InterventionsTable } from '../db/tables/intervention.table.js'
import { runInTransaction } from '../db/transaction.js'
import { assertTeamVisible } from '../http/context.js'
import { eventTime, type Since } from '../http/event-time.js'
import { conflict, forbidden, invalidReference, notFound, ProblemError } from '../http/problems.js'
import { assertVersion } from '../http/versioning.js'
import { findMeasure } from '../outcome-measures/catalogue.js'
import { lockCase } from '../service-requests/service-request.lifecycle.js'
import { type EventType, presetById, type StandardsPreset } from '../sla/index.js'
import { recordAndApply, type WorkEvent } from '../sla-clocks/record-and-apply.js'
import { slaBlocksForSubjects } from '../sla-clocks/sla-blocks.js'
import { durationStandardDue, findInterventionById, lockInterventionById, selectedMeasuresOf } from './intervention.repository.js'

export type Trx = Parameters<Parameters<ReturnType<Db['transaction']>['execute']>[0]>[0]
export type Update = Partial<{ [K in keyof InterventionsTable]: unknown }>

export const ZONE = 'Europe/London'
export const localDay = (at: Date) => DateTime.fromJSDate(at, { zone: ZONE })
export const iso = (at: Date) => at.toISOString()

export async function presentInterventions(db: Db, rows: InterventionRow[], view: View) {
  const ids = rows.map((r) => r.id)
  const [blocks, measures] = await Promise.all([slaBlocksForSubjects(db, ids, view), selectedMeasuresOf(db, ids)])
  return rows.map(({ createdByKeyId: _c, updatedByKeyId: _u, ...row }) => ({
    ...row,
    outcomeMeasures: measures
      .filter((m) => m.interventionId === row.id)
      .map((m) => ({
        measureId: m.measureId,
        category: findMeasure(m.measureId)?.category ?? 'unknown',
        title: findMeasure(m.measureId)?.title ?? m.measureId,
        selectedBy: m.selectedBy,
        selectedAt: m.selectedAt,
      })),
    sla: blocks.get(row.id)!,
  }))
}

export async function presentContacts(db: Db, rows: ContactRow[], view: View) {
  const blocks = await slaBlocksForSubjects(
    db,
    rows.map((r) => r.id),
    view,
  )
  return rows.map(({ createdByKeyId: _c, updatedByKeyId: _u, ...row }) => ({ ...row, sla: blocks.get(row.id)! }))
}

/** When a step of the intervention happened: not in the future, and not before the intervention started. */
export const stepTime = (ctx: ChangeContext, i: InterventionRow, field: string, value: string | undefined, ...since: Since[]) =>
  eventTime(ctx.now, field, value, { at: i.startedAt, what: 'the intervention started' }, ...since)

/** The team's preset, which holds the service's rules (consent period, duration limit, final meeting). */
export async function presetOfTeam(db: Db, teamId: string): Promise<StandardsPreset> {
  const team = await db.selectFrom('teams').select('standardsPreset').where('id', '=', teamId).executeTakeFirstOrThrow()
  return presetById(team.standardsPreset)
}

/**
 * Contacts, reviews and consent extensions are work done under the family's consent: once it has lapsed
 * (000 §1: 3 months, extended once to at most 6), none is recorded until the family consents again (409).
 */
export function assertConsentCovers(i: InterventionRow, at: Date, what: string): void {
  if (i.consentUntil === null || localDay(at).toISODate()! <= i.consentUntil) return
  throw new ProblemError(
    'consent-lapsed',
    `The family’s consent ran to ${i.consentUntil}; ${what} on ${localDay(at).toISODate()} needs renewed consent first (POST /interventions/${i.id}/consent-renewal), or the intervention ends`,
  )
}

/** Where an intervention's clocks are filed, and its ancestors: the allocation and the request (subjects.ts). */
export const interventionWork = (i: Pick<InterventionRow, 'id' | 'allocationId' | 'serviceRequestId' | 'familyId' | 'teamId' | 'practitionerId'>) => ({
  work: { familyId: i.familyId, teamId: i.teamId, practitionerId: i.practitionerId, serviceRequestId: i.serviceRequestId },
  parentSubjects: [
    { type: 'allocation', id: i.allocationId },
    { type: 'service_request', id: i.serviceRequestId },
  ],
})

export const event = (i: InterventionRow, type: EventType, occurredAt: Date, data?: Record<string, unknown>): WorkEvent => ({
  type,
  subjectType: 'intervention',
  subjectId: i.id,
  occurredAt,
  ...interventionWork(i),
  data,
})

/**
 * Starts the direct work after allocation (000 §6): the request's focus and target outcomes become the
 * agreed outcomes, and the joint visit's working together agreement, danger statements and safety goals
 * are carried over. Starts the intervention's clocks; in the TRT preset it is planning progress, so the
 * allocation's planning-progress clock stops. Where the service sets a consent period, consent runs from
 * the start for its initial period (000 §1).
 */
export async function createIntervention(db: Db, ctx: ChangeContext, input: { allocationId: string; startedAt?: string }) {
  const found = await allocationOf(db, input.allocationId)
  if (!found || (ctx.caller.teamId && ctx.caller.teamId !== found.teamId)) throw invalidReference('allocationId', `allocation ${input.allocationId}`)
  const preset = await presetOfTeam(db, found.teamId)
  const row = await runInTransaction(db, async (trx) => {
    await lockCase(trx, found.serviceRequestId)
    const allocation = await lockAllocation(trx, input.allocationId)
    if (allocation.status !== 'active') throw conflict('The allocation has ended; an intervention starts from an active allocation')
    const startedAt = eventTime(ctx.now, 'startedAt', input.startedAt, { at: allocation.allocatedAt, what: 'the allocation' })
    const existing = await trx.selectFrom('interventions').select('id').where('allocationId', '=', allocation.id).executeTakeFirst()
    if (existing) throw conflict(`This allocation’s intervention has already started: /interventions/${existing.id}`)
    const request = await trx
      .selectFrom('serviceRequests')
      .select(['focus', 'targetOutcomes'])
      .where('id', '=', allocation.serviceRequestId)
      .executeTakeFirstOrThrow()
    const visit = (allocation.jointVisit ?? {}) as { workingTogetherAgreement?: string; dangerStatements?: string[]; safetyGoals?: string[] }
    const period = preset.policy.consentPeriod
    const intervention = await trx
      .insertInto('interventions')
      .values({
        id: uuidv7(),
        allocationId: allocation.id,
        serviceRequestId: allocation.serviceRequestId,
        familyId: allocation.familyId,
        teamId: allocation.teamId,
        practitionerId: allocation.practitionerId,
        startedAt,
        focus: request.focus,
        agreedOutcomes: JSON.stringify(request.targetOutcomes),
        workingTogetherAgreement: visit.workingTogetherAgreement ?? null,
        dangerStatements: JSON.stringify(visit.dangerStatements ?? []),
        safetyGoals: JSON.stringify(visit.safetyGoals ?? []),
        consentUntil: period
          ? localDay(startedAt)
              .plus({ [period.initial.unit]: period.initial.amount })
              .toISODate()
          : null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        createdByKeyId: ctx.caller.keyId,
        updatedByKeyId: ctx.caller.keyId,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAndApply(trx, ctx, [event(intervention, 'intervention.started', startedAt, { allocationId: allocation.id })])
    return intervention
  })
  return (await presentInterventions(db, [row], viewOf(ctx)))[0]
}

export interface Change {
  /** Columns to set, besides the version and audit columns. */
  set: Update
  events: WorkEvent[]
}

/**
 * One change to an intervention, in the case's lock order (its request, then the intervention): scoped
 * to the caller's team, checked against If-Match, in one transaction.
 */
export async function changeIntervention(
  db: Db,
  ctx: ChangeContext,
  id: string,
  expectedVersion: number | null,
  decide: (trx: Trx, current: InterventionRow) => Promise<Change> | Change,
) {
  const found = await findInterventionById(db, id)
  if (!found) throw notFound(`Intervention ${id}`)
  assertTeamVisible(ctx.caller, found.teamId, `Intervention ${id}`)
  const row = await runInTransaction(db, async (trx) => {
    await lockCase(trx, found.serviceRequestId)
    const current = (await lockInterventionById(trx, id))!
    assertVersion(current.version, expectedVersion)
    const { set, events } = await decide(trx, current)
    const updated = await trx
      .updateTable('interventions')
      .set({ ...(set as object), version: current.version + 1, updatedAt: ctx.now, updatedByKeyId: ctx.caller.keyId })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAndApply(trx, ctx, events)
    return updated
  })
  return (await presentInterventions(db, [row], viewOf(ctx)))[0]
}

export const assertOpen = (i: InterventionRow) => {
  if (i.status === 'ended') throw conflict('The intervention has ended')
}
export const assertManager = (ctx: ChangeContext, what: string) => {
  if (ctx.caller.role !== 'manager' && ctx.caller.role !== 'admin') throw forbidden(`Only a manager may ${what}`)
}

/**
 * The latest date the work may be planned to run to: a manager's recorded exception, else the due date of
 * the preset's duration standard (moved by any suspension), else the standard's own target from the start;
 * null where the service sets no limit (Targeted Help stays open until the support is completed, 001).
 */
export async function latestEnd(trx: Trx, i: InterventionRow, preset: StandardsPreset): Promise<{ date: string; byException: boolean } | null> {
  const exception = i.durationException as { until?: string } | null
  if (exception?.until) return { date: exception.until, byException: true }
  const key = preset.policy.durationStandard
  if (key === null) return null
  const due = await durationStandardDue(trx, i.id, key)
  if (due !== null) return { date: due, byException: false }
  const { amount, unit } = preset.standards.find((s) => s.key === key)!.target
  const luxonUnit = ({ calendar_days: 'days', weeks: 'weeks', months: 'months' } as const)[unit as 'calendar_days' | 'weeks' | 'months']
  return luxonUnit
    ? {
        date: localDay(i.startedAt)
          .plus({ [luxonUnit]: amount })
          .toISODate()!,
        byException: false,
      }
    : null
}
