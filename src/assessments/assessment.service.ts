import { v7 as uuidv7 } from 'uuid'
import { lockAllocatedCase } from '../allocations/allocation.lifecycle.js'
import { hasServiceConsent } from '../consents/consent.service.js'
import type { ChangeContext } from '../context.js'
import type { Db } from '../db/database.js'
import type { AssessmentRow } from '../db/tables/assessment.table.js'
import { runInTransaction } from '../db/transaction.js'
import { assertTeamVisible } from '../http/context.js'
import { eventTime } from '../http/event-time.js'
import { conflict, invalidField, notFound } from '../http/problems.js'
import { assertVersion, type VersionCondition } from '../http/versioning.js'
import { lockCaseOf } from '../service-requests/service-request.lifecycle.js'
import { recordAndApply } from '../sla-clocks/record-and-apply.js'
import { findAssessmentById, insertAssessment, listAssessments, lockAssessmentById, updateAssessment } from './assessment.repository.js'
import type { AssessmentComplete, AssessmentCreate } from './assessment.schemas.js'

export { findAssessmentById, listAssessments }

export const presentAssessment = ({ createdByKeyId: _c, updatedByKeyId: _u, ...row }: AssessmentRow) => ({
  ...row,
  status: row.completed ? ('completed' as const) : ('started' as const),
})

const eventOf = (row: AssessmentRow, practitionerId: string | null) => ({
  subjectType: 'assessment',
  subjectId: row.id,
  work: { familyId: row.familyId, teamId: row.teamId, practitionerId, serviceRequestId: row.serviceRequestId },
  parentSubjects: [
    { type: 'allocation', id: row.allocationId },
    { type: 'service_request', id: row.serviceRequestId },
  ],
})

/**
 * Starts an assessment for an allocated request. Informed consent is mandatory for the Early Help
 * Assessment (004 §3.2), and Level 3 consent is obtained at the initial visit, before the assessment
 * (002): without the family's consent to the service on record it does not start (409).
 */
export async function startAssessment(db: Db, ctx: ChangeContext, input: AssessmentCreate) {
  const row = await runInTransaction(db, async (trx) => {
    const { request, allocation } = await lockAllocatedCase(trx, ctx.caller, input.serviceRequestId, 'an assessment')
    if (!(await hasServiceConsent(trx, request.id)))
      throw conflict('The family’s consent to the service is not on record: an assessment is made only with their informed consent (004 §3.2; 002)')
    const startedAt = eventTime(ctx.now, 'startedAt', input.startedAt, { at: allocation.allocatedAt, what: 'the allocation' })
    const assessment = await insertAssessment(
      trx,
      {
        id: uuidv7(),
        familyId: request.familyId,
        teamId: request.teamId,
        serviceRequestId: request.id,
        allocationId: allocation.id,
        kind: input.kind,
        model: input.model ?? null,
        startedAt,
        startedBy: input.startedBy,
        completed: JSON.stringify(null),
        createdByKeyId: ctx.caller.keyId,
        updatedByKeyId: ctx.caller.keyId,
      },
      ctx.now,
    )
    await recordAndApply(trx, ctx, [
      {
        type: 'assessment.started',
        occurredAt: startedAt,
        ...eventOf(assessment, allocation.practitionerId),
        data: { kind: input.kind, model: input.model ?? null, startedBy: input.startedBy },
      },
    ])
    return assessment
  })
  return presentAssessment(row)
}

/** Completes an assessment: with whom, the child seen or not, the family's views and the needs found (002; 004 §3.2). */
export async function completeAssessment(db: Db, ctx: ChangeContext, id: string, input: AssessmentComplete, expected: VersionCondition) {
  if (input.childSeen && !input.childSeenOn) throw invalidField('childSeenOn', 'is required when the child was seen')
  if (!input.childSeen && input.childSeenOn) throw invalidField('childSeenOn', 'is given only when the child was seen')
  const found = await findAssessmentById(db, id)
  if (!found) throw notFound(`Assessment ${id}`)
  assertTeamVisible(ctx.caller, found.teamId, `Assessment ${id}`)
  const row = await runInTransaction(db, async (trx) => {
    await lockCaseOf(trx, found.serviceRequestId)
    const current = await lockAssessmentById(trx, id)
    if (!current) throw new Error(`Assessment ${id} vanished under its case's lock`)
    assertVersion(current.version, expected)
    if (current.completed) throw conflict('The assessment is already completed')
    const completedAt = eventTime(ctx.now, 'completedAt', input.completedAt, { at: current.startedAt, what: 'the assessment started' })
    if (input.childSeenOn && input.childSeenOn < current.startedAt.toISOString().slice(0, 10))
      throw invalidField('childSeenOn', 'must not be before the assessment started')
    if (input.childSeenOn && input.childSeenOn > completedAt.toISOString().slice(0, 10)) throw invalidField('childSeenOn', 'must not be after it was completed')
    const completed = {
      completedAt: completedAt.toISOString(),
      completedBy: input.completedBy,
      participants: input.participants,
      childSeen: input.childSeen,
      childSeenOn: input.childSeenOn ?? null,
      familyViews: input.familyViews,
      needs: input.needs,
    }
    const updated = await updateAssessment(
      trx,
      id,
      { completed: JSON.stringify(completed), version: current.version + 1, updatedByKeyId: ctx.caller.keyId },
      ctx.now,
    )
    await recordAndApply(trx, ctx, [
      {
        type: 'assessment.completed',
        occurredAt: completedAt,
        ...eventOf(updated, null),
        data: { kind: current.kind, childSeen: input.childSeen, needs: input.needs.map((n) => n.area) },
      },
    ])
    return updated
  })
  return presentAssessment(row)
}
