import { v7 as uuidv7 } from 'uuid'
import type { Db } from '../db/database.js'
import { assertTeamVisible, type ChangeContext } from '../http/context.js'
import { conflict, invalidField, notFound } from '../http/problems.js'
import { recordAndApply } from '../sla-clocks/record-and-apply.js'
import { lockInterventionById } from './intervention.repository.js'
import type { ContactCreate } from './intervention.schemas.js'
import { at, assertAfterStart, interventionWork, presentContacts } from './intervention.service.js'

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
