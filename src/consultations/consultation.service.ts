import { v7 as uuidv7 } from 'uuid'
import { type ChangeContext, type View, viewOf } from '../context.js'
import type { Db } from '../db/database.js'
import type { ConsultationRow } from '../db/tables/consultation.table.js'
import { runInTransaction } from '../db/transaction.js'
import { assertTeamVisible } from '../http/context.js'
import { eventTime } from '../http/event-time.js'
import { conflict, invalidReference, notFound } from '../http/problems.js'
import { assertVersion } from '../http/versioning.js'
import { recordAndApply } from '../sla-clocks/record-and-apply.js'
import { slaBlocksForSubjects } from '../sla-clocks/sla-blocks.js'
import { lockConsultationById } from './consultation.repository.js'
import type { ConsultationCreate } from './consultation.schemas.js'

export async function presentConsultations(db: Db, rows: ConsultationRow[], view: View) {
  const blocks = await slaBlocksForSubjects(
    db,
    rows.map((r) => r.id),
    view,
  )
  return rows.map(({ createdByKeyId: _c, updatedByKeyId: _u, ...row }) => ({ ...row, sla: blocks.get(row.id)! }))
}

const work = (c: Pick<ConsultationRow, 'familyId' | 'teamId' | 'practitionerId' | 'serviceRequestId'>) => ({
  familyId: c.familyId,
  teamId: c.teamId,
  practitionerId: c.practitionerId,
  serviceRequestId: c.serviceRequestId,
})

/** A specialist consultation was held: it is to be recorded within 2 working days (000 §9). */
export async function createConsultation(db: Db, ctx: ChangeContext, input: ConsultationCreate) {
  const heldAt = eventTime(ctx.now, 'heldAt', input.heldAt)
  const row = await runInTransaction(db, async (trx) => {
    const family = await trx.selectFrom('families').select(['id', 'teamId']).where('id', '=', input.familyId).executeTakeFirst()
    if (!family || (ctx.caller.teamId && ctx.caller.teamId !== family.teamId)) throw invalidReference('familyId', `family ${input.familyId}`)
    const team = await trx.selectFrom('teams').select('id').where('id', '=', input.teamId).executeTakeFirst()
    if (!team || (ctx.caller.teamId && ctx.caller.teamId !== team.id)) throw invalidReference('teamId', `team ${input.teamId}`)
    if (input.serviceRequestId) {
      const request = await trx.selectFrom('serviceRequests').select(['familyId']).where('id', '=', input.serviceRequestId).executeTakeFirst()
      if (!request || request.familyId !== family.id) throw invalidReference('serviceRequestId', `a request of this family ${input.serviceRequestId}`)
    }
    if (input.practitionerId) {
      const practitioner = await trx.selectFrom('practitioners').select('teamId').where('id', '=', input.practitionerId).executeTakeFirst()
      if (!practitioner || practitioner.teamId !== team.id) throw invalidReference('practitionerId', `practitioner ${input.practitionerId} in the team`)
    }
    const consultation = await trx
      .insertInto('consultations')
      .values({
        id: uuidv7(),
        familyId: family.id,
        teamId: team.id,
        serviceRequestId: input.serviceRequestId ?? null,
        practitionerId: input.practitionerId ?? null,
        specialism: input.specialism ?? null,
        heldAt,
        attendees: JSON.stringify(input.attendees ?? []),
        summary: input.summary ?? null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        createdByKeyId: ctx.caller.keyId,
        updatedByKeyId: ctx.caller.keyId,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAndApply(trx, ctx, [
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

type Step = { kind: 'record'; at?: string; recommendations: string } | { kind: 'supervisor-discussion'; at?: string; notes?: string }

/** Recording it starts the 2 working days for the social worker to discuss it with their supervisor (000 §9). */
export async function advanceConsultation(db: Db, ctx: ChangeContext, id: string, step: Step, expectedVersion: number | null) {
  const field = step.kind === 'record' ? 'recordedAt' : 'discussedAt'
  const row = await runInTransaction(db, async (trx) => {
    const current = await lockConsultationById(trx, id)
    if (!current) throw notFound(`Consultation ${id}`)
    assertTeamVisible(ctx.caller, current.teamId, `Consultation ${id}`)
    assertVersion(current.version, expectedVersion)
    const expected = step.kind === 'record' ? 'held' : 'recorded'
    if (current.status !== expected) throw conflict(`The consultation is ${current.status}; this step needs it ${expected}`)
    const since = step.kind === 'record' ? { at: current.heldAt, what: 'the consultation was held' } : { at: current.recordedAt, what: 'it was recorded' }
    const at = eventTime(ctx.now, field, step.at, since)
    const set =
      step.kind === 'record'
        ? { status: 'recorded' as const, recordedAt: at, recommendations: step.recommendations }
        : { status: 'discussed' as const, supervisorDiscussedAt: at, supervisorNotes: step.notes ?? null }
    const updated = await trx
      .updateTable('consultations')
      .set({ ...set, version: current.version + 1, updatedAt: ctx.now, updatedByKeyId: ctx.caller.keyId })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    const type = step.kind === 'record' ? 'consultation.recorded' : 'consultation.supervisor-discussed'
    await recordAndApply(trx, ctx, [{ type, subjectType: 'consultation', subjectId: id, occurredAt: at, work: work(current) }])
    return updated
  })
  return (await presentConsultations(db, [row], viewOf(ctx)))[0]
}
