import { v7 as uuidv7 } from 'uuid'
import { type ChangeContext, type View, viewOf } from '../context.js'
import type { Db } from '../db/database.js'
import type { ConsultationRow } from '../db/tables/consultation.table.js'
import { runInTransaction } from '../db/transaction.js'
import { assertFamilyOfTeam, usableFamily } from '../families/family.service.js'
import { assertTeamVisible } from '../http/context.js'
import { assertNotBefore, eventTime } from '../http/event-time.js'
import { conflict, invalidReference, notFound } from '../http/problems.js'
import { assertVersion, type VersionCondition } from '../http/versioning.js'
import { findPractitionerById } from '../practitioners/practitioner.service.js'
import { lockCase, moveRequest } from '../service-requests/service-request.lifecycle.js'
import type { EventType } from '../sla/index.js'
import { recordAndApply, type WorkEvent } from '../sla-clocks/record-and-apply.js'
import { withSlaBlocks } from '../sla-clocks/sla-blocks.js'
import { usableTeam } from '../teams/team.service.js'
import { insertConsultation, lockConsultationById, updateConsultation } from './consultation.repository.js'
import type { ConsultationCreate, ConsultationRecord, SupervisorDiscussion } from './consultation.schemas.js'

export const presentConsultations = (db: Db, rows: ConsultationRow[], view: View) => withSlaBlocks(db, rows, view, 'consultation')

const work = (c: Pick<ConsultationRow, 'familyId' | 'teamId' | 'practitionerId' | 'serviceRequestId'>) => ({
  familyId: c.familyId,
  teamId: c.teamId,
  practitionerId: c.practitionerId,
  serviceRequestId: c.serviceRequestId,
})

/**
 * A specialist consultation was held: it is to be recorded within 2 working days (000 §9). Held for a
 * consultation request still open, it answers it: the request ends (reason consultation_held); direct work
 * that it shows is needed is a new request for a service (000 §9).
 */
export async function createConsultation(db: Db, ctx: ChangeContext, input: ConsultationCreate) {
  const heldAt = eventTime(ctx.now, 'heldAt', input.heldAt)
  const row = await runInTransaction(db, async (trx) => {
    const family = await usableFamily(trx, ctx.caller, input.familyId)
    const team = await usableTeam(trx, ctx.caller, input.teamId)
    assertFamilyOfTeam(family, team.id)
    const answered: WorkEvent[] = []
    if (input.serviceRequestId) {
      const request = await lockCase(trx, input.serviceRequestId)
      if (!request || request.familyId !== family.id) throw invalidReference('serviceRequestId', `a request of this family ${input.serviceRequestId}`)
      if (request.kind === 'consultation' && request.status === 'received') {
        assertNotBefore('heldAt', heldAt, { at: request.receivedAt, what: 'the request was received' })
        answered.push((await moveRequest(trx, ctx, request, { to: 'ended', at: heldAt, set: { endedReason: 'consultation_held', endedAt: heldAt } })).event)
      }
    }
    if (input.practitionerId) {
      const practitioner = await findPractitionerById(trx, input.practitionerId)
      if (!practitioner || practitioner.teamId !== team.id) throw invalidReference('practitionerId', `practitioner ${input.practitionerId} in the team`)
    }
    const consultation = await insertConsultation(
      trx,
      {
        id: uuidv7(),
        familyId: family.id,
        teamId: team.id,
        serviceRequestId: input.serviceRequestId ?? null,
        practitionerId: input.practitionerId ?? null,
        specialism: input.specialism ?? null,
        heldAt,
        attendees: JSON.stringify(input.attendees ?? []),
        summary: input.summary ?? null,
        createdByKeyId: ctx.caller.keyId,
        updatedByKeyId: ctx.caller.keyId,
      },
      ctx.now,
    )
    await recordAndApply(trx, ctx, [
      ...answered,
      {
        type: 'consultation.held',
        subjectType: 'consultation',
        subjectId: consultation.id,
        occurredAt: heldAt,
        work: work(consultation),
        data: { specialism: input.specialism ?? null },
      },
    ])
    return consultation
  })
  return (await presentConsultations(db, [row], viewOf(ctx)))[0]
}

/** One step of a consultation in its order (held, recorded, discussed): locked, scoped, checked against If-Match. */
async function advanceConsultation(
  db: Db,
  ctx: ChangeContext,
  id: string,
  expectedVersion: VersionCondition,
  step: {
    from: ConsultationRow['status']
    event: EventType
    at: (current: ConsultationRow) => Date
    set: (at: Date) => Parameters<typeof updateConsultation>[2]
  },
) {
  const row = await runInTransaction(db, async (trx) => {
    const current = await lockConsultationById(trx, id)
    if (!current) throw notFound(`Consultation ${id}`)
    assertTeamVisible(ctx.caller, current.teamId, `Consultation ${id}`)
    assertVersion(current.version, expectedVersion)
    if (current.status !== step.from) throw conflict(`The consultation is ${current.status}; this step needs it ${step.from}`)
    const at = step.at(current)
    const updated = await updateConsultation(trx, id, { ...step.set(at), version: current.version + 1, updatedByKeyId: ctx.caller.keyId }, ctx.now)
    await recordAndApply(trx, ctx, [{ type: step.event, subjectType: 'consultation', subjectId: id, occurredAt: at, work: work(current) }])
    return updated
  })
  return (await presentConsultations(db, [row], viewOf(ctx)))[0]
}

/** Recording it starts the 2 working days for the social worker to discuss it with their supervisor (000 §9). */
export const recordConsultation = (db: Db, ctx: ChangeContext, id: string, input: ConsultationRecord, expectedVersion: VersionCondition) =>
  advanceConsultation(db, ctx, id, expectedVersion, {
    from: 'held',
    event: 'consultation.recorded',
    at: (current) => eventTime(ctx.now, 'recordedAt', input.recordedAt, { at: current.heldAt, what: 'the consultation was held' }),
    set: (at) => ({ status: 'recorded', recordedAt: at, recommendations: input.recommendations }),
  })

/** The social worker has discussed the recommendations with their supervisor (000 §9). */
export const recordSupervisorDiscussion = (db: Db, ctx: ChangeContext, id: string, input: SupervisorDiscussion, expectedVersion: VersionCondition) =>
  advanceConsultation(db, ctx, id, expectedVersion, {
    from: 'recorded',
    event: 'consultation.supervisor-discussed',
    at: (current) => eventTime(ctx.now, 'discussedAt', input.discussedAt, { at: current.recordedAt, what: 'it was recorded' }),
    set: (at) => ({ status: 'discussed', supervisorDiscussedAt: at, supervisorNotes: input.notes ?? null }),
  })
