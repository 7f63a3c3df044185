import type { Transaction } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { ChangeContext } from '../context.js'
import type { Database } from '../db/schema.js'
import type { ConsentRow, ConsentsTable } from '../db/tables/consent.table.js'
import { recordEvents } from '../events/outbox.js'
import { eventTime, type Since } from '../http/event-time.js'
import { conflict, invalidField } from '../http/problems.js'
import { findConsentById, insertConsent, latestServiceConsentOfRequest, listConsents } from './consent.repository.js'

export { findConsentById, listConsents }

export type ConsentDecisionInput = {
  decision: ConsentRow['decision']
  scopes: ConsentRow['scopes']
  givenBy: ConsentRow['givenBy']
  decidedAt?: string
  recordedBy: string
  revisitOn?: string
  notes?: string
}

export interface ConsentPlace {
  familyId: string
  teamId: string
  serviceRequestId: string | null
  allocationId: string | null
  obtainedAt: ConsentsTable['obtainedAt']
}

/**
 * Records one decision of the family about consent, as a new row (a later decision never overwrites an
 * earlier one). A refusal keeps the date to revisit the family (004), after the decision; only a refusal
 * has one.
 */
export async function recordConsent(
  trx: Transaction<Database>,
  ctx: ChangeContext,
  place: ConsentPlace,
  input: ConsentDecisionInput,
  ...since: Since[]
): Promise<ConsentRow> {
  const decidedAt = eventTime(ctx.now, 'decidedAt', input.decidedAt, ...since)
  if (input.decision === 'refused' && !input.revisitOn) throw invalidField('revisitOn', 'is required for a refusal: when to revisit the family (004)')
  if (input.decision !== 'refused' && input.revisitOn) throw invalidField('revisitOn', 'is kept for a refusal only')
  if (input.revisitOn && input.revisitOn <= decidedAt.toISOString().slice(0, 10)) throw invalidField('revisitOn', 'must be after the decision')
  if (input.decision === 'withdrawn') {
    if (!place.serviceRequestId) throw invalidField('serviceRequestId', 'is required to withdraw consent: the request whose work it covered')
    const latest = await latestServiceConsentOfRequest(trx, place.serviceRequestId)
    if (input.scopes.includes('service') && latest?.decision !== 'given')
      throw conflict('The family has no consent to the service recorded on this request to withdraw')
  }
  const row = await insertConsent(
    trx,
    {
      id: uuidv7(),
      ...place,
      decision: input.decision,
      scopes: JSON.stringify(input.scopes),
      givenBy: JSON.stringify(input.givenBy),
      decidedAt,
      recordedBy: input.recordedBy,
      revisitOn: input.revisitOn ?? null,
      notes: input.notes ?? null,
      createdByKeyId: ctx.caller.keyId,
    },
    ctx.now,
  )
  await recordEvents(trx, ctx, [
    {
      type: 'consent.recorded',
      subjectType: 'consent',
      subjectId: row.id,
      familyId: row.familyId,
      teamId: row.teamId,
      serviceRequestId: row.serviceRequestId,
      occurredAt: decidedAt,
      data: { decision: row.decision, scopes: input.scopes, obtainedAt: row.obtainedAt, revisitOn: row.revisitOn },
    },
  ])
  return row
}

/** Whether the family's latest decision on the request is consent to the service. */
export async function hasServiceConsent(db: Transaction<Database>, serviceRequestId: string): Promise<boolean> {
  return (await latestServiceConsentOfRequest(db, serviceRequestId))?.decision === 'given'
}

export const presentConsent = ({ createdByKeyId: _c, ...row }: ConsentRow) => row
