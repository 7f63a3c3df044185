import { DateTime } from 'luxon'
import { v7 as uuidv7 } from 'uuid'
import { lockAllocationById } from '../allocations/allocation.repository.js'
import type { Db } from '../db/database.js'
import { assertNotFuture } from '../http/as-of.js'
import { assertTeamVisible, type ChangeContext } from '../http/context.js'
import { conflict, forbidden, invalidField, invalidReference, notFound } from '../http/problems.js'
import { assertVersion } from '../http/versioning.js'
import { findMeasure } from '../outcome-measures/catalogue.js'
import { recordAndApply, type WorkEvent } from '../sla-clocks/record-and-apply.js'
import { slaBlocksForSubjects } from '../sla-clocks/sla-blocks.js'
import { lockInterventionById, maximumDurationDue, selectedMeasuresOf } from './intervention.repository.js'
import type { ContactRow, InterventionRow, InterventionsTable } from './intervention.table.js'

export type Trx = Parameters<Parameters<ReturnType<Db['transaction']>['execute']>[0]>[0]
export type Update = Partial<{ [K in keyof InterventionsTable]: unknown }>

export const ZONE = 'Europe/London'
export const localDay = (at: Date) => DateTime.fromJSDate(at, { zone: ZONE })
export const iso = (at: Date) => at.toISOString()

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

export const at = (field: string, value: string | undefined, ctx: ChangeContext) => {
  assertNotFuture(field, value, ctx.now)
  return value ? new Date(value) : ctx.now
}

/** Where an intervention's clocks are filed, and its ancestors: the allocation and the request (subjects.ts). */
export const interventionWork = (i: Pick<InterventionRow, 'id' | 'allocationId' | 'serviceRequestId' | 'familyId' | 'teamId' | 'practitionerId'>) => ({
  work: { familyId: i.familyId, teamId: i.teamId, practitionerId: i.practitionerId, serviceRequestId: i.serviceRequestId },
  parentSubjects: [{ type: 'allocation', id: i.allocationId }, { type: 'service_request', id: i.serviceRequestId }],
})

export const event = (i: InterventionRow, type: string, occurredAt: Date, data?: Record<string, unknown>): WorkEvent =>
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

export interface Change {
  /** Columns to set, besides the version and audit columns. */
  set: Update
  events: WorkEvent[]
}

/** One change to an intervention: locked, scoped to the caller's team, checked against If-Match, in one transaction. */
export async function changeIntervention(db: Db, ctx: ChangeContext, id: string, expectedVersion: number | null, decide: (trx: Trx, current: InterventionRow) => Promise<Change> | Change) {
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

export const assertOpen = (i: InterventionRow) => {
  if (i.status === 'ended') throw conflict('The intervention has ended')
}
export const assertAfterStart = (i: InterventionRow, field: string, when: Date) => {
  if (when < i.startedAt) throw invalidField(field, 'must not be before the intervention started')
}
export const assertManager = (ctx: ChangeContext, what: string) => {
  if (ctx.caller.role !== 'manager' && ctx.caller.role !== 'admin') throw forbidden(`Only a manager may ${what}`)
}

/** The latest date the work may be planned to run to: the maximum-duration due date (or 6 months), or a manager's exception. */
export async function latestEnd(trx: Trx, i: InterventionRow): Promise<{ date: string; byException: boolean }> {
  const exception = i.durationException as { until?: string } | null
  if (exception?.until) return { date: exception.until, byException: true }
  return { date: (await maximumDurationDue(trx, i.id)) ?? localDay(i.startedAt).plus({ months: 6 }).toISODate()!, byException: false }
}

