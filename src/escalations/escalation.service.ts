import { v7 as uuidv7 } from 'uuid'
import { type ChangeContext, type View, viewOf } from '../context.js'
import type { Db } from '../db/database.js'
import type { Act, EscalationRow, Step } from '../db/tables/escalation.table.js'
import { runInTransaction } from '../db/transaction.js'
import type { CatalogueEventType } from '../events/event-catalogue.js'
import { assertTeamVisible } from '../http/context.js'
import { eventTime } from '../http/event-time.js'
import { conflict, invalidField, invalidReference, notFound } from '../http/problems.js'
import { assertVersion } from '../http/versioning.js'
import { recordAndApply, type WorkEvent } from '../sla-clocks/record-and-apply.js'
import { slaBlocksForSubjects } from '../sla-clocks/sla-blocks.js'
import { findOpenStepUp, lockEscalationById } from './escalation.repository.js'
import { DISAGREEMENT_LEVELS, type EscalationCreate, type HUB_CONTACT_METHODS, type STEP_UP_OUTCOMES } from './escalation.schemas.js'

type Level = (typeof DISAGREEMENT_LEVELS)[number]

export async function presentEscalations(db: Db, rows: EscalationRow[], view: View) {
  const blocks = await slaBlocksForSubjects(
    db,
    rows.map((r) => r.id),
    view,
  )
  return rows.map(({ createdByKeyId: _c, updatedByKeyId: _u, ...row }) => ({ ...row, sla: blocks.get(row.id)! }))
}

const required = <T>(field: string, value: T | undefined, kind: string): T => {
  if (value === undefined) throw invalidField(field, `is required for a ${kind}`)
  return value
}

/** The domain event for reaching a level of the ladder; the clock starts at the discussion and stops when it goes up. */
const LEVEL_EVENTS: Record<Level, CatalogueEventType> = {
  practitioner: 'escalation.step-recorded',
  senior_practitioner: 'escalation.step-recorded',
  social_care_discussion: 'escalation.senior-discussion-held',
  service_manager: 'escalation.raised-to-service-manager',
}

type Draft = Pick<EscalationRow, 'id' | 'familyId' | 'teamId'>
const event = (e: Draft, type: CatalogueEventType, occurredAt: Date, data: Record<string, unknown> = {}): WorkEvent => ({
  type,
  subjectType: 'escalation',
  subjectId: e.id,
  occurredAt,
  work: { familyId: e.familyId, teamId: e.teamId },
  data,
})

/**
 * Raises an escalation. A step-up is idempotent on the family's open step-up: asking again returns the
 * open one (`created: false`) rather than a second.
 */
export async function createEscalation(
  db: Db,
  ctx: ChangeContext,
  input: EscalationCreate,
): Promise<{ created: boolean; escalation: Awaited<ReturnType<typeof presentEscalations>>[number] }> {
  const raisedAt = eventTime(ctx.now, 'raisedAt', input.raisedAt)
  const kind = input.kind
  const values: Record<string, unknown> = { status: 'open' }
  if (kind === 'disagreement') {
    values.subject = required('subject', input.subject, kind)
    const level = input.level ?? 'senior_practitioner'
    values.level = level
    values.steps = JSON.stringify([{ level, at: raisedAt.toISOString(), by: input.raisedBy, notes: null } satisfies Step])
  } else if (input.level) throw invalidField('level', 'is for disagreements only')
  if (kind === 'step_up') {
    values.reason = required('reason', input.reason, 'step-up')
    values.leadProfessional = JSON.stringify(required('leadProfessional', input.leadProfessional, 'step-up'))
  }
  if (kind === 'step_down') {
    values.leadProfessional = JSON.stringify(required('leadProfessional', input.leadProfessional, 'step-down'))
    values.status = 'completed'
    values.closedAt = raisedAt
  }
  if (kind === 'safeguarding_concern') values.subject = required('subject', input.subject, 'safeguarding concern')
  values.subject ??= input.subject ?? null
  values.reason ??= input.reason ?? null
  if (kind !== 'step_up' && kind !== 'step_down' && input.leadProfessional) values.leadProfessional = JSON.stringify(input.leadProfessional)

  const result = await runInTransaction(db, async (trx) => {
    const family = await trx.selectFrom('families').select(['id', 'teamId']).where('id', '=', input.familyId).executeTakeFirst()
    if (!family || (ctx.caller.teamId && ctx.caller.teamId !== family.teamId)) throw invalidReference('familyId', `family ${input.familyId}`)
    const team = await trx.selectFrom('teams').select('id').where('id', '=', input.teamId).executeTakeFirst()
    if (!team || (ctx.caller.teamId && ctx.caller.teamId !== team.id)) throw invalidReference('teamId', `team ${input.teamId}`)
    const inserted = await trx
      .insertInto('escalations')
      .values({
        id: uuidv7(),
        kind,
        familyId: family.id,
        teamId: team.id,
        raisedAt,
        raisedBy: input.raisedBy,
        ...values,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        createdByKeyId: ctx.caller.keyId,
        updatedByKeyId: ctx.caller.keyId,
      } as never)
      .onConflict((oc) => oc.column('familyId').where('kind', '=', 'step_up').where('status', '=', 'open').doNothing())
      .returningAll()
      .executeTakeFirst()
    if (!inserted) return { created: false, row: (await findOpenStepUp(trx, family.id))! }
    const events: WorkEvent[] = []
    if (kind === 'disagreement') {
      events.push(event(inserted, 'escalation.raised', raisedAt, { subject: inserted.subject, level: inserted.level }))
      if (LEVEL_EVENTS[inserted.level!] !== 'escalation.step-recorded')
        events.push(event(inserted, LEVEL_EVENTS[inserted.level!], raisedAt, { level: inserted.level }))
    }
    if (kind === 'step_up') events.push(event(inserted, 'escalation.stepped-up', raisedAt, { leadProfessionalRole: input.leadProfessional!.role }))
    if (kind === 'step_down') events.push(event(inserted, 'escalation.stepped-down', raisedAt, { leadProfessionalRole: input.leadProfessional!.role }))
    if (kind === 'safeguarding_concern') events.push(event(inserted, 'escalation.safeguarding-incident-identified', raisedAt))
    await recordAndApply(trx, ctx, events)
    return { created: true, row: inserted }
  })
  return { created: result.created, escalation: (await presentEscalations(db, [result.row], viewOf(ctx)))[0] }
}

export type EscalationAction =
  | { kind: 'step'; level: Level; at?: string; by: string; notes?: string }
  | { kind: 'resolve' | 'withdraw' | 'manager-informed' | 'written-follow-up' | 'feedback'; at?: string; by?: string; text?: string }
  | { kind: 'final-decision'; at?: string; by: string; text: string }
  | { kind: 'outcome'; outcome: (typeof STEP_UP_OUTCOMES)[number]; at?: string; notes?: string }
  | { kind: 'hub-contact'; method: (typeof HUB_CONTACT_METHODS)[number]; at?: string; by?: string }

const ALLOWED: Record<EscalationAction['kind'], EscalationRow['kind'][]> = {
  step: ['disagreement'],
  resolve: ['disagreement', 'safeguarding_concern'],
  'final-decision': ['disagreement'],
  withdraw: ['disagreement', 'safeguarding_concern', 'step_up'],
  outcome: ['step_up'],
  'manager-informed': ['safeguarding_concern'],
  'hub-contact': ['safeguarding_concern'],
  'written-follow-up': ['safeguarding_concern'],
  feedback: ['safeguarding_concern'],
}

const act = (at: Date, by: string | undefined | null, text: string | undefined | null): string =>
  JSON.stringify({ at: at.toISOString(), by: by ?? null, text: text ?? null } satisfies Act)

/** One step in the life of an escalation, with the domain event that drives its clocks. */
export async function advanceEscalation(db: Db, ctx: ChangeContext, id: string, action: EscalationAction, expectedVersion: number | null) {
  const row = await runInTransaction(db, async (trx) => {
    const current = await lockEscalationById(trx, id)
    if (!current) throw notFound(`Escalation ${id}`)
    assertTeamVisible(ctx.caller, current.teamId, `Escalation ${id}`)
    assertVersion(current.version, expectedVersion)
    if (!ALLOWED[action.kind].includes(current.kind)) throw conflict(`A ${current.kind} escalation has no ${action.kind} step`)
    if (current.status !== 'open') throw conflict(`The escalation is ${current.status}`)
    const lastStep = current.steps[current.steps.length - 1] as Step | undefined
    const at = eventTime(
      ctx.now,
      'at',
      action.at,
      { at: current.raisedAt, what: 'the escalation was raised' },
      ...(action.kind === 'step' ? [{ at: lastStep?.at, what: 'the previous step' }] : []),
    )
    const set: Record<string, unknown> = {}
    const closed = { closedAt: at }
    let type: CatalogueEventType
    let data: Record<string, unknown> = {}
    switch (action.kind) {
      case 'step': {
        const from = DISAGREEMENT_LEVELS.indexOf(current.level!)
        const to = DISAGREEMENT_LEVELS.indexOf(action.level)
        if (to <= from)
          throw conflict(
            `The disagreement is already at ${current.level}; a step goes up the ladder: ${DISAGREEMENT_LEVELS.slice(from + 1).join(', ') || 'only the final decision is left'}`,
          )
        set.level = action.level
        set.steps = JSON.stringify([...current.steps, { level: action.level, at: at.toISOString(), by: action.by, notes: action.notes ?? null } satisfies Step])
        type = LEVEL_EVENTS[action.level]
        data = { from: current.level, to: action.level }
        break
      }
      case 'resolve':
        Object.assign(set, { status: 'resolved', resolution: act(at, action.by, action.text), ...closed })
        type = 'escalation.resolved'
        break
      case 'final-decision':
        if (current.level !== 'service_manager') throw conflict('The final decision is the head of service’s: raise the disagreement to service_manager first')
        Object.assign(set, { status: 'decided', finalDecision: act(at, action.by, action.text), ...closed })
        type = 'escalation.final-decision'
        break
      case 'withdraw':
        Object.assign(set, { status: 'withdrawn', withdrawal: act(at, action.by, action.text), ...closed })
        type = 'escalation.withdrawn'
        break
      case 'outcome':
        Object.assign(set, {
          status: 'completed',
          outcome: JSON.stringify({ outcome: action.outcome, at: at.toISOString(), notes: action.notes ?? null }),
          ...closed,
        })
        type = 'escalation.step-up-outcome-recorded'
        data = { outcome: action.outcome }
        break
      case 'manager-informed':
        if (current.raisedWithManager) throw conflict('The concern has already been raised with a manager')
        set.raisedWithManager = act(at, action.by, action.text)
        type = 'escalation.raised-with-manager'
        break
      case 'hub-contact':
        set.hubContacts = JSON.stringify([...current.hubContacts, { at: at.toISOString(), method: action.method, by: action.by ?? null }])
        type = action.method === 'phone' ? 'escalation.hub-contacted-by-phone' : 'escalation.hub-contacted-in-writing'
        data = { method: action.method }
        break
      case 'written-follow-up':
        if (!current.hubContacts.some((c) => c.method === 'phone')) throw conflict('There is no telephone contact to the hub to follow up in writing')
        if (current.writtenFollowUpAt) throw conflict('The written follow-up has already been recorded')
        set.writtenFollowUpAt = at
        type = 'escalation.written-follow-up-sent'
        break
      case 'feedback':
        if (current.hubContacts.length === 0) throw conflict('There is no contact to the hub to hear feedback on')
        if (current.feedback) throw conflict('Feedback has already been recorded')
        set.feedback = act(at, action.by, action.text)
        type = 'escalation.feedback-given'
        break
    }
    const updated = await trx
      .updateTable('escalations')
      .set({ ...set, version: current.version + 1, updatedAt: ctx.now, updatedByKeyId: ctx.caller.keyId } as never)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAndApply(trx, ctx, [event(current, type, at, data)])
    return updated
  })
  return (await presentEscalations(db, [row], viewOf(ctx)))[0]
}
