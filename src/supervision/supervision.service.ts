import { v7 as uuidv7 } from 'uuid'
import type { Caller, ChangeContext, View } from '../context.js'
import type { Db } from '../db/database.js'
import type { SupervisionKind } from '../db/tables/supervision.table.js'
import { runInTransaction } from '../db/transaction.js'
import { assertTeamVisible } from '../http/context.js'
import { eventTime } from '../http/event-time.js'
import { invalidField, notFound } from '../http/problems.js'
import { findPractitionerById, lockPractitionerById } from '../practitioners/practitioner.service.js'
import type { EventType } from '../sla/index.js'
import { presetById } from '../sla/index.js'
import { recordAndApply } from '../sla-clocks/record-and-apply.js'
import { presentClockEntries } from '../sla-clocks/sla-clock.service.js'
import { getTeam } from '../teams/team.service.js'
import { findPractitionerClocks, findSupervisionRecords, insertSupervisionRecord } from './supervision.repository.js'
import { SUPERVISION_KINDS, type SupervisionRecordCreate } from './supervision.schemas.js'

/** The event each kind of supervision records; a preset's standard on it is the kind's clock (000 §11, §11.1). */
const EVENT_OF: Record<SupervisionKind, EventType> = {
  case_supervision: 'practitioner.case-supervision-held',
  clinical_supervision_meeting: 'practitioner.clinical-supervision-meeting-held',
  practice_observation: 'practitioner.practice-observed',
}

/**
 * The three-way meeting with a clinical supervisor is for specialists, who have a clinical supervisor in
 * their home agency (000 §11.1); the other kinds are for every practitioner (000 §11).
 */
const appliesTo = (kind: SupervisionKind, role: string) => kind !== 'clinical_supervision_meeting' || role === 'specialist'

/**
 * Records one supervision of a practitioner, and lets the team's preset stop the kind's open clock and
 * start the next (each kind recurs: a month, a quarter, 6 months in the TRT preset). The practitioner's row
 * is locked first, so their records and clocks change one at a time.
 */
export async function recordSupervision(db: Db, ctx: ChangeContext, practitionerId: string, input: SupervisionRecordCreate) {
  const heldAt = eventTime(ctx.now, 'heldAt', input.heldAt)
  if (input.kind === 'clinical_supervision_meeting' && !input.clinicalSupervisor)
    throw invalidField(
      'clinicalSupervisor',
      'is required for a clinical_supervision_meeting: the three-way meeting includes the clinical supervisor (000 §11.1)',
    )
  if (input.kind !== 'clinical_supervision_meeting' && input.clinicalSupervisor)
    throw invalidField('clinicalSupervisor', 'is only for a clinical_supervision_meeting')
  return runInTransaction(db, async (trx) => {
    const practitioner = await lockPractitionerById(trx, practitionerId)
    if (!practitioner) throw notFound(`Practitioner ${practitionerId}`)
    assertTeamVisible(ctx.caller, practitioner.teamId, `Practitioner ${practitionerId}`)
    if (!practitioner.active) throw invalidField('practitionerId', 'has left the team', 'params')
    if (!appliesTo(input.kind, practitioner.role))
      throw invalidField('kind', 'clinical_supervision_meeting is for specialists, who have a clinical supervisor (000 §11.1)')
    const record = await insertSupervisionRecord(
      trx,
      {
        id: uuidv7(),
        practitionerId: practitioner.id,
        teamId: practitioner.teamId,
        kind: input.kind,
        heldAt,
        supervisor: input.supervisor,
        clinicalSupervisor: input.clinicalSupervisor ?? null,
        notes: input.notes ?? null,
        createdByKeyId: ctx.caller.keyId,
      },
      ctx.now,
    )
    await recordAndApply(trx, ctx, [
      {
        type: EVENT_OF[input.kind],
        subjectType: 'practitioner',
        subjectId: practitioner.id,
        occurredAt: heldAt,
        work: { familyId: null, teamId: practitioner.teamId, practitionerId: practitioner.id },
        data: { recordId: record.id, kind: input.kind },
      },
    ])
    return record
  })
}

const soonestFirst = (a: { dueAt: Date }, b: { dueAt: Date }) => a.dueAt.getTime() - b.dueAt.getTime()

/**
 * What is due and overdue for one practitioner as of `asOf`: per kind of supervision that applies to them,
 * the last one held and the kind's latest clock; and their open clocks, due and overdue, soonest first.
 */
export async function supervisionView(db: Db, caller: Caller, practitionerId: string, view: View) {
  const practitioner = await findPractitionerById(db, practitionerId)
  if (!practitioner) throw notFound(`Practitioner ${practitionerId}`)
  assertTeamVisible(caller, practitioner.teamId, `Practitioner ${practitionerId}`)
  const team = await getTeam(db, caller, practitioner.teamId)
  const preset = presetById(team.standardsPreset)
  const [records, clockRows] = await Promise.all([findSupervisionRecords(db, practitionerId, view.asOf), findPractitionerClocks(db, practitionerId, view.asOf)])
  const clocks = await presentClockEntries(db, clockRows, view)
  const kinds = SUPERVISION_KINDS.filter((kind) => appliesTo(kind, practitioner.role)).map((kind) => {
    const standard = preset.standards.find((s) => s.subject === 'practitioner' && s.startsOn.includes(EVENT_OF[kind]))
    const held = records.filter((r) => r.kind === kind)
    return {
      kind,
      standard: standard?.key ?? null,
      lastHeldAt: held[0]?.heldAt ?? null,
      lastSupervisor: held[0]?.supervisor ?? null,
      held: held.length,
      clock: clocks.find((c) => c.standard === standard?.key) ?? null,
    }
  })
  const open = clocks.filter((c) => ['on_track', 'due_soon', 'overdue', 'paused'].includes(c.status))
  return {
    practitionerId,
    name: practitioner.name,
    role: practitioner.role,
    asOf: view.asOf,
    kinds,
    due: open.filter((c) => c.status !== 'overdue').sort(soonestFirst),
    overdue: open.filter((c) => c.status === 'overdue').sort(soonestFirst),
  }
}
