import type { Transaction } from 'kysely'
import { type ChangeContext, viewOf } from '../context.js'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema.js'
import type { Act, EscalationRow } from '../db/tables/escalation.table.js'
import { runInTransaction } from '../db/transaction.js'
import type { CatalogueEventType } from '../events/event-catalogue.js'
import { recordFamilyStep } from '../families/family.service.js'
import { assertTeamVisible } from '../http/context.js'
import { eventTime, type Since } from '../http/event-time.js'
import { conflict, notFound } from '../http/problems.js'
import { assertVersion, type VersionCondition } from '../http/versioning.js'
import { recordAndApply } from '../sla-clocks/record-and-apply.js'
import { type EscalationChange, lockEscalationById, updateEscalationRow } from './escalation.repository.js'
import {
  DISAGREEMENT_LEVELS,
  type EscalationActCreate,
  type EscalationDecisionCreate,
  type EscalationStepCreate,
  type HubContactCreate,
  type StepUpOutcomeCreate,
} from './escalation.schemas.js'
import { presentEscalations } from './escalation.service.js'
import { escalationEvent, LEVEL_EVENTS } from './escalation-events.js'
import { parentsInformedBeforeHubContact } from './parents-informed.js'

/** Each step of an escalation's life and what the caller sends for it (the request body's schema). */
export interface EscalationStepInputs {
  step: EscalationStepCreate
  resolve: EscalationActCreate
  'final-decision': EscalationDecisionCreate
  withdraw: EscalationActCreate
  outcome: StepUpOutcomeCreate
  'manager-informed': EscalationActCreate
  'hub-contact': HubContactCreate
  'written-follow-up': EscalationActCreate
  feedback: EscalationActCreate
}
export type EscalationStepKind = keyof EscalationStepInputs

interface Effect {
  set: EscalationChange
  type: CatalogueEventType
  data?: Record<string, unknown>
  /** A further event the step records at the same moment. */
  also?: { type: CatalogueEventType; data?: Record<string, unknown> }
}

interface StepRule<K extends EscalationStepKind> {
  /** The kinds of escalation that have this step. */
  on: readonly EscalationRow['kind'][]
  /** A moment the step may not come before, besides the raising of the escalation. */
  notBefore?: (current: EscalationRow) => Since
  /** What the step changes and the event that drives its clocks; a conflict when it cannot be taken now. */
  apply: (current: EscalationRow, input: EscalationStepInputs[K], at: Date) => Effect
}

const act = (at: Date, by: string | undefined, text: string | undefined): Act => ({ at: at.toISOString(), by: by ?? null, text: text ?? null })

/** The disagreement ladder (000 §15), the safeguarding-concern steps (000 §11.1; 004 §7) and a step-up's outcome (004 §9). */
const STEPS: { [K in EscalationStepKind]: StepRule<K> } = {
  step: {
    on: ['disagreement'],
    notBefore: (current) => ({ at: current.steps.at(-1)?.at, what: 'the previous step' }),
    apply: (current, input, at) => {
      const from = current.level === null ? -1 : DISAGREEMENT_LEVELS.indexOf(current.level)
      const to = DISAGREEMENT_LEVELS.indexOf(input.level)
      if (to <= from) {
        const higher = DISAGREEMENT_LEVELS.slice(from + 1).join(', ') || 'only the final decision is left'
        throw conflict(`The disagreement is already at ${current.level}; a step goes up the ladder: ${higher}`)
      }
      const step = { level: input.level, at: at.toISOString(), by: input.by, notes: input.notes ?? null }
      return { set: { level: input.level, steps: [...current.steps, step] }, type: LEVEL_EVENTS[input.level], data: { from: current.level, to: input.level } }
    },
  },
  resolve: {
    on: ['disagreement', 'safeguarding_concern'],
    apply: (_current, input, at) => ({ set: { status: 'resolved', resolution: act(at, input.by, input.text), closedAt: at }, type: 'escalation.resolved' }),
  },
  'final-decision': {
    on: ['disagreement'],
    apply: (current, input, at) => {
      if (current.level !== 'service_manager') throw conflict('The final decision is the head of service’s: raise the disagreement to service_manager first')
      return { set: { status: 'decided', finalDecision: act(at, input.by, input.text), closedAt: at }, type: 'escalation.final-decision' }
    },
  },
  withdraw: {
    on: ['disagreement', 'safeguarding_concern', 'step_up'],
    apply: (_current, input, at) => ({ set: { status: 'withdrawn', withdrawal: act(at, input.by, input.text), closedAt: at }, type: 'escalation.withdrawn' }),
  },
  outcome: {
    on: ['step_up'],
    apply: (current, input, at) => {
      if (current.outcome) throw conflict('The step-up’s outcome has already been recorded')
      const outcome = { outcome: input.outcome, at: at.toISOString(), notes: input.notes ?? null }
      const data = { outcome: input.outcome }
      // A formal contact to the hub waits for the hub's feedback (004 §7), as a safeguarding concern's contact does.
      if (input.outcome === 'contact_to_safeguarding_hub')
        return { set: { outcome }, type: 'escalation.step-up-outcome-recorded', data, also: { type: 'escalation.stepped-up-to-hub' } }
      return { set: { status: 'completed', outcome, closedAt: at }, type: 'escalation.step-up-outcome-recorded', data }
    },
  },
  'manager-informed': {
    on: ['safeguarding_concern'],
    apply: (current, input, at) => {
      if (current.raisedWithManager) throw conflict('The concern has already been raised with a manager')
      return { set: { raisedWithManager: act(at, input.by, input.text) }, type: 'escalation.raised-with-manager' }
    },
  },
  'hub-contact': {
    on: ['safeguarding_concern'],
    apply: (current, input, at) => {
      const parents = parentsInformedBeforeHubContact(input, current)
      return {
        set: { ...parents, hubContacts: [...current.hubContacts, { at: at.toISOString(), method: input.method, by: input.by ?? null }] },
        type: input.method === 'phone' ? 'escalation.hub-contacted-by-phone' : 'escalation.hub-contacted-in-writing',
        data: { method: input.method, parentsInformed: parents.parentsInformed },
      }
    },
  },
  'written-follow-up': {
    on: ['safeguarding_concern'],
    apply: (current, _input, at) => {
      if (!current.hubContacts.some((c) => c.method === 'phone')) throw conflict('There is no telephone contact to the hub to follow up in writing')
      if (current.writtenFollowUpAt) throw conflict('The written follow-up has already been recorded')
      return { set: { writtenFollowUpAt: at }, type: 'escalation.written-follow-up-sent' }
    },
  },
  feedback: {
    on: ['safeguarding_concern', 'step_up'],
    apply: (current, input, at) => {
      if (current.kind === 'step_up') {
        if (current.outcome?.outcome !== 'contact_to_safeguarding_hub') throw conflict('The step-up led to no contact to the hub to hear feedback on')
        return { set: { feedback: act(at, input.by, input.text), status: 'completed', closedAt: at }, type: 'escalation.feedback-given' }
      }
      if (current.hubContacts.length === 0) throw conflict('There is no contact to the hub to hear feedback on')
      if (current.feedback) throw conflict('Feedback has already been recorded')
      return { set: { feedback: act(at, input.by, input.text) }, type: 'escalation.feedback-given' }
    },
  },
}

/**
 * Social care accepted the step-up (004 §9): the social worker named with it leads the work with the
 * family, now on a child in need plan unless it is already on a statutory one.
 */
const steppedUp = (trx: Transaction<Database>, ctx: ChangeContext, stepUp: EscalationRow, at: Date) =>
  recordFamilyStep(trx, ctx, stepUp.familyId, { leadProfessional: stepUp.leadProfessional, escalationId: stepUp.id, kind: 'stepped_up', at })

/** One step in the life of an escalation, with the domain event that drives its clocks. */
export async function advanceEscalation<K extends EscalationStepKind>(
  db: Db,
  ctx: ChangeContext,
  id: string,
  kind: K,
  input: EscalationStepInputs[K],
  expectedVersion: VersionCondition,
) {
  const rule: StepRule<K> = STEPS[kind]
  const row = await runInTransaction(db, async (trx) => {
    const current = await lockEscalationById(trx, id)
    if (!current) throw notFound(`Escalation ${id}`)
    assertTeamVisible(ctx.caller, current.teamId, `Escalation ${id}`)
    assertVersion(current.version, expectedVersion)
    if (!rule.on.includes(current.kind)) throw conflict(`A ${current.kind} escalation has no ${kind} step`)
    if (current.status !== 'open') throw conflict(`The escalation is ${current.status}`)
    const since = [{ at: current.raisedAt, what: 'the escalation was raised' }, ...(rule.notBefore ? [rule.notBefore(current)] : [])]
    const at = eventTime(ctx.now, 'at', input.at, ...since)
    const { set, type, data = {}, also } = rule.apply(current, input, at)
    const updated = await updateEscalationRow(trx, id, { ...set, version: current.version + 1, updatedByKeyId: ctx.caller.keyId }, ctx.now)
    const events = [escalationEvent(current, type, at, data)]
    if (also) events.push(escalationEvent(current, also.type, at, also.data))
    await recordAndApply(trx, ctx, events)
    if (kind === 'outcome' && (input as StepUpOutcomeCreate).outcome === 'accepted_by_social_care') await steppedUp(trx, ctx, current, at)
    return updated
  })
  return (await presentEscalations(db, [row], viewOf(ctx)))[0]
}
