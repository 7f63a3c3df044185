import type { Transaction } from 'kysely'
import { type ChangeContext, viewOf } from '../context.js'
import { keepReplacedVersion } from '../corrections/correction.service.js'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema.js'
import type { ContactRow, InterventionRow } from '../db/tables/intervention.table.js'
import { runInTransaction } from '../db/transaction.js'
import { assertNotBefore } from '../http/event-time.js'
import { conflict, notFound, ProblemError } from '../http/problems.js'
import { lockCaseOf } from '../service-requests/service-request.lifecycle.js'
import { recordAndApply } from '../sla-clocks/record-and-apply.js'
import { lockContact, updateContact } from './contact.repository.js'
import { type ContactCorrection, type ContactWriteUp, WRITE_UP_FIELDS } from './contact.schemas.js'
import { presentContacts } from './contact.service.js'
import { contactEvent } from './contact-events.js'
import { lockInterventionById } from './intervention.repository.js'
import { stepTime } from './intervention.rules.js'
import { visibleIntervention } from './intervention.service.js'

/** Runs a change of one contact under its case's lock (request, then intervention, then the contact). */
async function changeContact(
  db: Db,
  ctx: ChangeContext,
  interventionId: string,
  contactId: string,
  change: (trx: Transaction<Database>, intervention: InterventionRow, contact: ContactRow) => Promise<ContactRow>,
) {
  const found = await visibleIntervention(db, ctx.caller, interventionId)
  const row = await runInTransaction(db, async (trx) => {
    await lockCaseOf(trx, found.serviceRequestId)
    const intervention = await lockInterventionById(trx, interventionId)
    if (!intervention) throw new Error(`Intervention ${interventionId} vanished under its case's lock`)
    const contact = await lockContact(trx, interventionId, contactId)
    if (!contact) throw notFound(`Contact ${contactId}`)
    return change(trx, intervention, contact)
  })
  return (await presentContacts(db, [row], viewOf(ctx)))[0]
}

/**
 * Writes up a contact saved before it was written up (000 §13): stops its 2-working-day recording clock at
 * `recordedAt`. A contact is written up once (409 after); corrections are made with `correctContact`.
 * A contact before the ending may still be written up after it.
 */
export const writeUpContact = (db: Db, ctx: ChangeContext, interventionId: string, contactId: string, input: ContactWriteUp) =>
  changeContact(db, ctx, interventionId, contactId, async (trx, intervention, contact) => {
    if (contact.recordedAt) throw conflict(`The contact was written up at ${contact.recordedAt.toISOString()}; correct it instead (POST .../corrections)`)
    const recordedAt = stepTime(ctx, intervention, 'recordedAt', input.recordedAt, { at: contact.occurredAt, what: 'the contact took place' })
    if (input.nextContactAt) assertNotBefore('nextContactAt', new Date(input.nextContactAt), { at: contact.occurredAt, what: 'the contact' })
    const row = await updateContact(
      trx,
      contact.id,
      contact.version,
      {
        recordedAt,
        voiceOfChild: input.voiceOfChild,
        observations: input.observations,
        analysis: input.analysis,
        actions: input.actions,
        ...(input.nextContactAt ? { nextContactAt: new Date(input.nextContactAt) } : {}),
        updatedByKeyId: ctx.caller.keyId,
      },
      ctx.now,
    )
    await recordAndApply(trx, ctx, [contactEvent(intervention, contact.id, 'contact.recorded', recordedAt, { interventionId })])
    return row
  })

const CORRECTABLE = ['durationMinutes', 'location', 'purpose', 'present', 'childSeenAlone', ...WRITE_UP_FIELDS, 'nextContactAt'] as const

/**
 * Corrects a contact's content as a new version, keeping the version replaced with who corrected it and
 * why. The write-up of a contact not yet written up is given by the write-up, not corrected (409).
 */
export const correctContact = (db: Db, ctx: ChangeContext, interventionId: string, contactId: string, input: ContactCorrection) =>
  changeContact(db, ctx, interventionId, contactId, async (trx, _intervention, contact) => {
    const fields = CORRECTABLE.filter((f) => input[f] !== undefined)
    if (fields.length === 0)
      throw new ProblemError('validation-error', 'A correction changes at least one field', [
        { in: 'body', field: 'body', message: `names none of ${CORRECTABLE.join(', ')}` },
      ])
    if (!contact.recordedAt && fields.some((f) => (WRITE_UP_FIELDS as readonly string[]).includes(f)))
      throw conflict('The contact is not written up yet; write it up first (POST .../write-up)')
    if (input.nextContactAt) assertNotBefore('nextContactAt', new Date(input.nextContactAt), { at: contact.occurredAt, what: 'the contact' })
    const { createdByKeyId: _c, updatedByKeyId: _u, ...previous } = contact
    await keepReplacedVersion(trx, ctx, { type: 'contact', id: contact.id, teamId: contact.teamId, version: contact.version, previous }, input)
    const { correctedBy: _by, reason: _why, present, nextContactAt, ...rest } = input
    return updateContact(
      trx,
      contact.id,
      contact.version,
      {
        ...rest,
        ...(present ? { present: JSON.stringify(present) } : {}),
        ...(nextContactAt !== undefined ? { nextContactAt: nextContactAt === null ? null : new Date(nextContactAt) } : {}),
        updatedByKeyId: ctx.caller.keyId,
      },
      ctx.now,
    )
  })
