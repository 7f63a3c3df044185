import { v7 as uuidv7 } from 'uuid'
import { type ChangeContext, viewOf } from '../context.js'
import type { Db } from '../db/database.js'
import { runInTransaction } from '../db/transaction.js'
import { assertTeamVisible } from '../http/context.js'
import { assertNotBefore } from '../http/event-time.js'
import { conflict, notFound } from '../http/problems.js'
import { lockCase } from '../service-requests/service-request.lifecycle.js'
import { recordAndApply } from '../sla-clocks/record-and-apply.js'
import { findInterventionById, lockInterventionById } from './intervention.repository.js'
import type { ContactCreate } from './intervention.schemas.js'
import { assertConsentCovers, interventionWork, presentContacts, stepTime } from './intervention.service.js'

/**
 * A case recording (000 §13): the contact with the family took place at `occurredAt` and was written up at
 * `recordedAt`. Work done under the family's consent: not after it lapsed (409). The case's lock order:
 * its request, then the intervention.
 */
export async function createContact(db: Db, ctx: ChangeContext, interventionId: string, input: ContactCreate) {
  const found = await findInterventionById(db, interventionId)
  if (!found) throw notFound(`Intervention ${interventionId}`)
  assertTeamVisible(ctx.caller, found.teamId, `Intervention ${interventionId}`)
  const row = await runInTransaction(db, async (trx) => {
    await lockCase(trx, found.serviceRequestId)
    const current = (await lockInterventionById(trx, interventionId))!
    const occurredAt = stepTime(ctx, current, 'occurredAt', input.occurredAt)
    const recordedAt = stepTime(ctx, current, 'recordedAt', input.recordedAt, { at: occurredAt, what: 'the contact took place' })
    if (input.nextContactAt) assertNotBefore('nextContactAt', new Date(input.nextContactAt), { at: occurredAt, what: 'the contact' })
    if (current.endedAt && occurredAt > current.endedAt) throw conflict('The intervention has ended; only contacts before its end can be recorded')
    assertConsentCovers(current, occurredAt, 'a contact')
    const contact = await trx
      .insertInto('interventionContacts')
      .values({
        id: uuidv7(),
        interventionId,
        familyId: current.familyId,
        teamId: current.teamId,
        practitionerId: current.practitionerId,
        occurredAt,
        recordedAt,
        durationMinutes: input.durationMinutes,
        location: input.location,
        purpose: input.purpose,
        present: JSON.stringify(input.present),
        childSeenAlone: input.childSeenAlone,
        voiceOfChild: input.voiceOfChild,
        observations: input.observations,
        analysis: input.analysis,
        actions: input.actions,
        nextContactAt: input.nextContactAt ? new Date(input.nextContactAt) : null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        createdByKeyId: ctx.caller.keyId,
        updatedByKeyId: ctx.caller.keyId,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    const { work, parentSubjects } = interventionWork(current)
    const chain = [{ type: 'intervention', id: current.id }, ...parentSubjects]
    await recordAndApply(trx, ctx, [
      {
        type: 'contact.occurred',
        subjectType: 'contact',
        subjectId: contact.id,
        occurredAt,
        work,
        parentSubjects: chain,
        data: { interventionId, durationMinutes: input.durationMinutes },
      },
      {
        type: 'contact.recorded',
        subjectType: 'contact',
        subjectId: contact.id,
        occurredAt: recordedAt,
        work,
        parentSubjects: chain,
        data: { interventionId },
      },
    ])
    return contact
  })
  return (await presentContacts(db, [row], viewOf(ctx)))[0]
}
