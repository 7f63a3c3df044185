import type { Transaction } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import { recordConsent } from '../consents/consent.service.js'
import { type Caller, type ChangeContext, type View, viewOf } from '../context.js'
import type { Db } from '../db/database.js'
import type { Database, SlaClockRow } from '../db/schema.js'
import type { ServiceRequestRow } from '../db/tables/service-request.table.js'
import { runInTransaction } from '../db/transaction.js'
import { assertDistinct, type ExternalRef, externalRefsByResource, replaceExternalRefs, sortExternalRefs } from '../external-refs/external-ref.repository.js'
import { assertFamilyOfTeam, usableFamily } from '../families/family.service.js'
import { assertTeamVisible } from '../http/context.js'
import { eventTime } from '../http/event-time.js'
import { conflict, invalidField, notFound, ProblemError } from '../http/problems.js'
import { assertVersion, type VersionCondition } from '../http/versioning.js'
import { presetById } from '../sla/index.js'
import { recordAndApply, type WorkEvent } from '../sla-clocks/record-and-apply.js'
import { blocksOfSubjects, subjectClocks } from '../sla-clocks/sla-blocks.js'
import { getTeam, usableTeam } from '../teams/team.service.js'
import { assertTargetOutcomes, checkEligibility } from './request-eligibility.js'
import { lockCase, moveRequest, receivedEventType, requestWork } from './service-request.lifecycle.js'
import { findServiceRequestById, findServiceRequestForRead, insertServiceRequest, updateServiceRequestDetails } from './service-request.repository.js'
import type { DecisionCreate, ServiceRequestCreate, ServiceRequestPatch, WithdrawRequest } from './service-request.schemas.js'

export { findServiceRequestById }

/** Requests as the API returns them, from their rows, their references and the clocks read for their SLA blocks. */
async function assembleServiceRequests(db: Db, rows: (ServiceRequestRow & { externalRefs: ExternalRef[] })[], clocks: SlaClockRow[], view: View) {
  const blocks = await blocksOfSubjects(
    db,
    clocks,
    rows.map((r) => r.id),
    view,
  )
  return rows.map((row) => {
    const sla = blocks.get(row.id)
    if (!sla) throw new Error(`No SLA block for service request ${row.id}`)
    return { ...row, externalRefs: sortExternalRefs(row.externalRefs), sla }
  })
}

/** Requests as the API returns them: their references and SLA blocks added. */
export async function presentServiceRequests(db: Db, rows: ServiceRequestRow[], view: View) {
  const ids = rows.map((r) => r.id)
  const [refs, clocks] = await Promise.all([externalRefsByResource(db, 'service_request', ids), subjectClocks(db, ids)])
  return assembleServiceRequests(
    db,
    rows.map((row) => ({ ...row, externalRefs: refs.get(row.id) ?? [] })),
    clocks,
    view,
  )
}

/**
 * The request, if the caller may see it; else 404. Its clocks are read in the same statement as its row
 * and references, and discarded when the caller may not see it.
 */
export async function getServiceRequest(db: Db, caller: Caller, id: string, view: View) {
  const found = await findServiceRequestForRead(db, id)
  if (!found) throw notFound(`Service request ${id}`)
  assertTeamVisible(caller, found.row.teamId, `Service request ${id}`)
  return (await assembleServiceRequests(db, [found.row], found.clocks, view))[0]
}

/**
 * A request for service. Without recorded consent it "will not progress" (service guide 000 §8) and is
 * refused, except where the team's preset obtains consent at the first visit (Level 3, document 002).
 * A request for direct work names its target outcomes and meets the preset's eligibility, or a manager
 * accepts it with a reason (request-eligibility.ts).
 */
export async function createServiceRequest(db: Db, ctx: ChangeContext, input: ServiceRequestCreate) {
  const family = await usableFamily(db, ctx.caller, input.familyId)
  const team = await usableTeam(db, ctx.caller, input.teamId)
  assertFamilyOfTeam(family, team.id)
  const receivedAt = eventTime(ctx.now, 'receivedAt', input.receivedAt)
  // Stored as the UTC instant, like every other instant the API returns, whatever offset it was sent with.
  const consent = input.consent ? { ...input.consent, recordedAt: eventTime(ctx.now, 'consent.recordedAt', input.consent.recordedAt).toISOString() } : null
  const policy = presetById(team.standardsPreset).policy
  if (policy.consentAtRequest && consent?.given !== true) {
    throw new ProblemError('consent-required', 'The family’s consent must be recorded (consent.given: true) before a request can progress', [
      { in: 'body', field: consent ? 'consent.given' : 'consent', message: 'consent must be given and recorded' },
    ])
  }
  assertTargetOutcomes(policy, input.kind, input.targetOutcomes)
  const eligibilityOverride = input.kind === 'intervention' ? checkEligibility(ctx.caller, policy, family, input.eligibilityOverride) : null
  if (input.kind !== 'intervention' && input.eligibilityOverride) throw invalidField('eligibilityOverride', 'is only for a request for direct work')
  assertDistinct(input.externalRefs ?? [])
  const row = await runInTransaction(db, async (trx) => {
    const request = await insertServiceRequest(
      trx,
      {
        id: uuidv7(),
        familyId: family.id,
        teamId: team.id,
        kind: input.kind,
        route: input.route,
        focus: input.focus,
        targetOutcomes: JSON.stringify(input.targetOutcomes ?? []),
        requestedBy: JSON.stringify(input.requestedBy),
        consent: JSON.stringify(consent),
        eligibilityOverride: eligibilityOverride && JSON.stringify(eligibilityOverride),
        receivedAt,
        status: 'received',
        createdByKeyId: ctx.caller.keyId,
        updatedByKeyId: ctx.caller.keyId,
      },
      ctx.now,
    )
    await replaceExternalRefs(trx, 'service_request', request.id, input.externalRefs ?? [])
    if (input.consent?.given) {
      const place = { familyId: family.id, teamId: team.id, serviceRequestId: request.id, allocationId: null, obtainedAt: 'request' as const }
      const giver = input.consent.givenBy ?? { name: 'The family', relationship: 'family' }
      await recordConsent(trx, ctx, place, {
        decision: 'given',
        scopes: ['sharing', 'service'],
        givenBy: giver,
        decidedAt: input.consent.recordedAt,
        recordedBy: input.consent.recordedBy,
      })
    }
    await recordAndApply(trx, ctx, [
      {
        type: receivedEventType(input.kind),
        subjectType: 'service_request',
        subjectId: request.id,
        occurredAt: receivedAt,
        work: requestWork(request),
        data: { kind: input.kind, route: input.route, externalRefs: input.externalRefs ?? [], ...(eligibilityOverride ? { eligibilityOverride } : {}) },
      },
    ])
    return request
  })
  return (await presentServiceRequests(db, [row], viewOf(ctx)))[0]
}

/** One change to a request: locked, scoped to the caller's team, checked against If-Match, in one transaction. */
async function changeRequest(
  db: Db,
  ctx: ChangeContext,
  id: string,
  expectedVersion: VersionCondition,
  change: (trx: Transaction<Database>, current: ServiceRequestRow) => Promise<{ row: ServiceRequestRow; events: WorkEvent[] }>,
) {
  const row = await runInTransaction(db, async (trx) => {
    const current = await lockCase(trx, id)
    if (!current) throw notFound(`Service request ${id}`)
    assertTeamVisible(ctx.caller, current.teamId, `Service request ${id}`)
    assertVersion(current.version, expectedVersion)
    const { row, events } = await change(trx, current)
    await recordAndApply(trx, ctx, events)
    return row
  })
  return (await presentServiceRequests(db, [row], viewOf(ctx)))[0]
}

export function updateServiceRequest(db: Db, ctx: ChangeContext, id: string, patch: ServiceRequestPatch, expectedVersion: VersionCondition) {
  if (patch.externalRefs) assertDistinct(patch.externalRefs)
  const { externalRefs, targetOutcomes, requestedBy, ...scalars } = patch
  return changeRequest(db, ctx, id, expectedVersion, async (trx, current) => {
    if (targetOutcomes) assertTargetOutcomes(presetById((await getTeam(trx, ctx.caller, current.teamId)).standardsPreset).policy, current.kind, targetOutcomes)
    const row = await updateServiceRequestDetails(
      trx,
      id,
      {
        ...scalars,
        ...(targetOutcomes ? { targetOutcomes: JSON.stringify(targetOutcomes) } : {}),
        ...(requestedBy ? { requestedBy: JSON.stringify(requestedBy) } : {}),
        version: current.version + 1,
        updatedByKeyId: ctx.caller.keyId,
      },
      ctx.now,
    )
    if (externalRefs) await replaceExternalRefs(trx, 'service_request', id, externalRefs)
    const event: WorkEvent = {
      type: 'service-request.updated',
      subjectType: 'service_request',
      subjectId: id,
      occurredAt: ctx.now,
      work: requestWork(current),
      data: { fields: Object.keys(patch) },
    }
    return { row, events: [event] }
  })
}

/**
 * Decides a received request the caller holds the case lock of, optionally at a panel (001 §3; 000 §8),
 * whose id the request then carries. `field` names the decision's place in the body for a 422.
 */
export async function decideLockedRequest(
  trx: Transaction<Database>,
  ctx: ChangeContext,
  current: ServiceRequestRow,
  input: DecisionCreate,
  options: { panelId?: string; field?: string; timeField?: string } = {},
) {
  const field = options.field ?? ''
  if (input.decision !== 'accepted' && !input.reason) throw invalidField(`${field}reason`, `is required to mark a request ${input.decision}`)
  if (current.status !== 'received') throw conflict(`The request is ${current.status}; only a received request is decided`)
  const decidedAt = eventTime(ctx.now, options.timeField ?? `${field}decidedAt`, input.decidedAt, { at: current.receivedAt, what: 'the request was received' })
  const decision = { decision: input.decision, decidedAt: decidedAt.toISOString(), decidedBy: input.decidedBy, reason: input.reason ?? null }
  return moveRequest(trx, ctx, current, {
    to: input.decision,
    at: decidedAt,
    set: { decision: JSON.stringify(decision), ...(options.panelId ? { panelId: options.panelId } : {}) },
    data: { decision: input.decision, reason: input.reason ?? null, panelId: options.panelId ?? null },
  })
}

/** Marks a request the caller holds the case lock of as decided at a panel or allocation meeting (001 §3; 000 §8). */
export const recordPanelOfRequest = (trx: Transaction<Database>, ctx: ChangeContext, request: ServiceRequestRow, panelId: string) =>
  updateServiceRequestDetails(trx, request.id, { panelId, updatedByKeyId: ctx.caller.keyId }, ctx.now)

/** Screening: accept, decline or return a received request; declining or returning needs a reason (000 §8). */
export function decideServiceRequest(db: Db, ctx: ChangeContext, id: string, input: DecisionCreate, expectedVersion: VersionCondition) {
  if (input.decision !== 'accepted' && !input.reason) throw invalidField('reason', `is required to mark a request ${input.decision}`)
  return changeRequest(db, ctx, id, expectedVersion, async (trx, current) => {
    const { row, event } = await decideLockedRequest(trx, ctx, current, input)
    return { row, events: [event] }
  })
}

export function withdrawServiceRequest(db: Db, ctx: ChangeContext, id: string, input: WithdrawRequest, expectedVersion: VersionCondition) {
  return changeRequest(db, ctx, id, expectedVersion, async (trx, current) => {
    const at = eventTime(
      ctx.now,
      'withdrawnAt',
      input.withdrawnAt,
      { at: current.receivedAt, what: 'the request was received' },
      { at: current.decision?.decidedAt, what: 'the decision' },
    )
    const { row, event } = await moveRequest(trx, ctx, current, {
      to: 'withdrawn',
      at,
      set: { endedReason: 'withdrawn', endedAt: at },
      data: { reason: input.reason },
    })
    return { row, events: [event] }
  })
}
