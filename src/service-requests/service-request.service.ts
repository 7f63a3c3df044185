import { v7 as uuidv7 } from 'uuid'
import type { Db } from '../db/database.js'
import type { ServiceRequestRow } from '../db/schema.js'
import { assertDistinct, externalRefsByResource, replaceExternalRefs } from '../external-refs/external-ref.repository.js'
import { findFamilyById } from '../families/family.repository.js'
import { assertNotFuture } from '../http/as-of.js'
import { assertTeamVisible, type ChangeContext } from '../http/context.js'
import { ProblemError, conflict, invalidField, invalidReference, notFound } from '../http/problems.js'
import { assertVersion } from '../http/versioning.js'
import { slaBlocksForSubjects } from '../sla-clocks/sla-blocks.js'
import { recordAndApply } from '../sla-clocks/record-and-apply.js'
import { requiresConsentAtRequest } from '../sla-clocks/presets.js'
import { findTeamById } from '../teams/team.repository.js'
import { lockServiceRequestById } from './service-request.repository.js'
import type { DecisionCreate, ServiceRequestCreate, ServiceRequestPatch, WithdrawRequest } from './service-request.schemas.js'

export async function presentServiceRequests(db: Db, rows: ServiceRequestRow[], asOf: Date) {
  const ids = rows.map((r) => r.id)
  const [refs, blocks] = await Promise.all([externalRefsByResource(db, 'service_request', ids), slaBlocksForSubjects(db, ids, asOf)])
  return rows.map((row) => ({ ...row, externalRefs: refs.get(row.id) ?? [], sla: blocks.get(row.id)! }))
}

const work = (row: Pick<ServiceRequestRow, 'id' | 'familyId' | 'teamId'>) => ({ familyId: row.familyId, teamId: row.teamId, serviceRequestId: row.id })

/**
 * A request for service. Without recorded consent it "will not progress" (service guide 000 §8) and is
 * refused, except where the team's preset obtains consent at the first visit (Level 3, document 002).
 */
export async function createServiceRequest(db: Db, ctx: ChangeContext, input: ServiceRequestCreate) {
  const family = await findFamilyById(db, input.familyId)
  if (!family || (ctx.caller.teamId && ctx.caller.teamId !== family.teamId)) throw invalidReference('familyId', `family ${input.familyId}`)
  const team = await findTeamById(db, input.teamId)
  if (!team || (ctx.caller.teamId && ctx.caller.teamId !== team.id)) throw invalidReference('teamId', `team ${input.teamId}`)
  assertNotFuture('receivedAt', input.receivedAt, ctx.now)
  assertNotFuture('consent.recordedAt', input.consent?.recordedAt, ctx.now)
  if (requiresConsentAtRequest(team.standardsPreset) && input.consent?.given !== true) {
    throw new ProblemError('consent-required', 'The family’s consent must be recorded (consent.given: true) before a request can progress', [
      { in: 'body', field: input.consent ? 'consent.given' : 'consent', message: 'consent must be given and recorded' },
    ])
  }
  assertDistinct(input.externalRefs ?? [])
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : ctx.now
  const row = await db.transaction().execute(async (trx) => {
    const request = await trx
      .insertInto('serviceRequests')
      .values({
        id: uuidv7(), familyId: family.id, teamId: team.id, kind: input.kind, route: input.route, focus: input.focus,
        targetOutcomes: JSON.stringify(input.targetOutcomes ?? []), requestedBy: JSON.stringify(input.requestedBy),
        consent: JSON.stringify(input.consent ?? null), receivedAt, status: 'received',
        createdByKeyId: ctx.caller.keyId, updatedByKeyId: ctx.caller.keyId,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await replaceExternalRefs(trx, 'service_request', request.id, input.externalRefs ?? [])
    await recordAndApply(trx, ctx, [{
      type: 'service-request.received', subjectType: 'service_request', subjectId: request.id, occurredAt: receivedAt,
      work: work(request), data: { kind: input.kind, route: input.route, externalRefs: input.externalRefs ?? [] },
    }])
    return request
  })
  return (await presentServiceRequests(db, [row], ctx.now))[0]
}

async function changeRequest(
  db: Db, ctx: ChangeContext, id: string, expectedVersion: number | null,
  change: (current: ServiceRequestRow) => { set: Partial<Record<string, unknown>>; event?: { type: string; occurredAt: Date; data?: Record<string, unknown> }; refs?: ServiceRequestPatch['externalRefs'] },
) {
  const row = await db.transaction().execute(async (trx) => {
    const current = await lockServiceRequestById(trx, id)
    if (!current) throw notFound(`Service request ${id}`)
    assertTeamVisible(ctx.caller, current.teamId, `Service request ${id}`)
    assertVersion(current.version, expectedVersion)
    const { set, event, refs } = change(current)
    const updated = await trx
      .updateTable('serviceRequests')
      .set({ ...set, version: current.version + 1, updatedAt: ctx.now, updatedByKeyId: ctx.caller.keyId })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    if (refs) await replaceExternalRefs(trx, 'service_request', id, refs)
    if (event) await recordAndApply(trx, ctx, [{ ...event, subjectType: 'service_request', subjectId: id, work: work(current) }])
    return updated
  })
  return (await presentServiceRequests(db, [row], ctx.now))[0]
}

export function updateServiceRequest(db: Db, ctx: ChangeContext, id: string, patch: ServiceRequestPatch, expectedVersion: number | null) {
  if (patch.externalRefs) assertDistinct(patch.externalRefs)
  const { externalRefs, targetOutcomes, requestedBy, ...scalars } = patch
  return changeRequest(db, ctx, id, expectedVersion, () => ({
    set: {
      ...scalars,
      ...(targetOutcomes ? { targetOutcomes: JSON.stringify(targetOutcomes) } : {}),
      ...(requestedBy ? { requestedBy: JSON.stringify(requestedBy) } : {}),
    },
    event: { type: 'service-request.updated', occurredAt: ctx.now, data: { fields: Object.keys(patch) } },
    refs: externalRefs,
  }))
}

/** Screening: accept, decline or return a received request; declining or returning needs a reason (000 §8). */
export function decideServiceRequest(db: Db, ctx: ChangeContext, id: string, input: DecisionCreate, expectedVersion: number | null) {
  assertNotFuture('decidedAt', input.decidedAt, ctx.now)
  if (input.decision !== 'accepted' && !input.reason) throw invalidField('reason', `is required to mark a request ${input.decision}`)
  const decidedAt = input.decidedAt ? new Date(input.decidedAt) : ctx.now
  return changeRequest(db, ctx, id, expectedVersion, (current) => {
    if (current.status !== 'received') throw conflict(`The request is ${current.status}; only a received request can be decided`)
    if (decidedAt < current.receivedAt) throw invalidField('decidedAt', 'must not be before the request was received')
    const decision = { decision: input.decision, decidedAt: decidedAt.toISOString(), decidedBy: input.decidedBy, reason: input.reason ?? null }
    return {
      set: { status: input.decision, decision: JSON.stringify(decision) },
      event: { type: `service-request.${input.decision}`, occurredAt: decidedAt, data: { decision: input.decision, reason: input.reason ?? null } },
    }
  })
}

export function withdrawServiceRequest(db: Db, ctx: ChangeContext, id: string, input: WithdrawRequest, expectedVersion: number | null) {
  assertNotFuture('withdrawnAt', input.withdrawnAt, ctx.now)
  const at = input.withdrawnAt ? new Date(input.withdrawnAt) : ctx.now
  return changeRequest(db, ctx, id, expectedVersion, (current) => {
    if (!['received', 'accepted'].includes(current.status)) throw conflict(`The request is ${current.status}; only a received or accepted request can be withdrawn`)
    return {
      set: { status: 'withdrawn', endedReason: 'withdrawn', endedAt: at },
      event: { type: 'service-request.withdrawn', occurredAt: at, data: { reason: input.reason } },
    }
  })
}
