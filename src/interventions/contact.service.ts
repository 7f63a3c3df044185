import { v7 as uuidv7 } from 'uuid'
import { type Caller, type ChangeContext, type View, viewOf } from '../context.js'
import type { Db } from '../db/database.js'
import type { ContactRow } from '../db/tables/intervention.table.js'
import { runInTransaction } from '../db/transaction.js'
import { assertNotBefore } from '../http/event-time.js'
import { conflict, invalidField, notFound, ProblemError } from '../http/problems.js'
import { lockCaseOf } from '../service-requests/service-request.lifecycle.js'
import { recordAndApply } from '../sla-clocks/record-and-apply.js'
import { withSlaBlocks } from '../sla-clocks/sla-blocks.js'
import { findContact, insertContact, listContacts } from './contact.repository.js'
import { type ContactCreate, WRITE_UP_FIELDS } from './contact.schemas.js'
import { contactEvent } from './contact-events.js'
import { lockInterventionById } from './intervention.repository.js'
import { assertConsentCovers, stepTime } from './intervention.rules.js'
import { visibleIntervention } from './intervention.service.js'

export const presentContacts = (db: Db, rows: ContactRow[], view: View) => withSlaBlocks(db, rows, view, 'contact')

/** A page of the contacts of an intervention the caller may see, ordered by id. */
export async function contactsOf(db: Db, caller: Caller, interventionId: string, page: { limit: number; after: string | null }) {
  await visibleIntervention(db, caller, interventionId)
  return listContacts(db, interventionId, page)
}

/** One contact of an intervention the caller may see (404 otherwise). */
export async function contactOf(db: Db, caller: Caller, interventionId: string, contactId: string) {
  await visibleIntervention(db, caller, interventionId)
  const row = await findContact(db, interventionId, contactId)
  if (!row) throw notFound(`Contact ${contactId}`)
  return row
}

/**
 * The write-up of a contact comes whole or not at all: a contact saved without it is due to be written up
 * (000 §13), and `recordedAt` is the time of the write-up, so it needs the write-up with it.
 */
function writtenUp(input: ContactCreate): boolean {
  const missing = WRITE_UP_FIELDS.filter((f) => input[f] === undefined)
  if (missing.length === 0) return true
  if (missing.length < WRITE_UP_FIELDS.length)
    throw new ProblemError(
      'validation-error',
      'Send the whole write-up (voiceOfChild, observations, analysis, actions), or none of it to write the contact up later',
      missing.map((field) => ({ in: 'body', field, message: 'is required with the rest of the write-up' })),
    )
  if (input.recordedAt !== undefined) throw invalidField('recordedAt', 'is when the contact was written up; send it with the write-up, or leave it out')
  return false
}

/**
 * A case recording (000 §13): the contact with the family took place at `occurredAt` and was written up at
 * `recordedAt`, at once or later (`writeUpContact`): its recording clock runs from the contact until then. Work done under the family's consent: not after it lapsed (409). The case's lock order:
 * its request, then the intervention.
 */
export async function createContact(db: Db, ctx: ChangeContext, interventionId: string, input: ContactCreate) {
  const written = writtenUp(input)
  const found = await visibleIntervention(db, ctx.caller, interventionId)
  const row = await runInTransaction(db, async (trx) => {
    await lockCaseOf(trx, found.serviceRequestId)
    const current = await lockInterventionById(trx, interventionId)
    if (!current) throw new Error(`Intervention ${interventionId} vanished under its case's lock`)
    const occurredAt = stepTime(ctx, current, 'occurredAt', input.occurredAt)
    const recordedAt = written ? stepTime(ctx, current, 'recordedAt', input.recordedAt, { at: occurredAt, what: 'the contact took place' }) : null
    if (input.nextContactAt) assertNotBefore('nextContactAt', new Date(input.nextContactAt), { at: occurredAt, what: 'the contact' })
    if (current.endedAt && occurredAt > current.endedAt) throw conflict('The intervention has ended; only contacts before its end can be recorded')
    assertConsentCovers(current, occurredAt, 'a contact')
    const contact = await insertContact(
      trx,
      {
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
        voiceOfChild: input.voiceOfChild ?? null,
        observations: input.observations ?? null,
        analysis: input.analysis ?? null,
        actions: input.actions ?? null,
        nextContactAt: input.nextContactAt ? new Date(input.nextContactAt) : null,
        createdByKeyId: ctx.caller.keyId,
        updatedByKeyId: ctx.caller.keyId,
      },
      ctx.now,
    )
    const occurred = contactEvent(current, contact.id, 'contact.occurred', occurredAt, { interventionId, durationMinutes: input.durationMinutes })
    await recordAndApply(trx, ctx, recordedAt ? [occurred, contactEvent(current, contact.id, 'contact.recorded', recordedAt, { interventionId })] : [occurred])
    return contact
  })
  return (await presentContacts(db, [row], viewOf(ctx)))[0]
}
