import type { Db } from '../db/database.js'
import type { ChangeContext } from '../http/context.js'
import { ProblemError, conflict, invalidField } from '../http/problems.js'
import { maximumDurationDue } from './intervention.repository.js'
import { localDay, iso, at, event, changeIntervention, assertOpen, assertAfterStart, assertManager, latestEnd } from './intervention.service.js'
import type { Update } from './intervention.service.js'

export async function recordReview(db: Db, ctx: ChangeContext, id: string, input: { heldAt?: string; decision: 'continue' | 'extend' | 'end'; extendedUntil?: string; notes?: string }, expected: number | null) {
  const heldAt = at('heldAt', input.heldAt, ctx)
  if (input.decision !== 'continue') assertManager(ctx, `decide to ${input.decision} an intervention at review`)
  if (input.decision === 'extend' && !input.extendedUntil) throw invalidField('extendedUntil', 'is required to extend the intervention')
  if (input.decision !== 'extend' && input.extendedUntil) throw invalidField('extendedUntil', 'is only for a decision to extend')
  return changeIntervention(db, ctx, id, expected, async (trx, current) => {
    assertOpen(current)
    assertAfterStart(current, 'heldAt', heldAt)
    const set: Update = {}
    if (input.extendedUntil) {
      if (input.extendedUntil <= localDay(heldAt).toISODate()!) throw invalidField('extendedUntil', 'must be after the review')
      const latest = await latestEnd(trx, current)
      if (input.extendedUntil > latest.date) {
        throw new ProblemError('unprocessable', `The intervention may run to ${latest.date} at most${latest.byException ? ' under its recorded exception' : ' (6 months); past that only with a manager’s recorded duration exception'}`, [
          { in: 'body', field: 'extendedUntil', message: `must not be after ${latest.date}` },
        ])
      }
      set.extendedUntil = input.extendedUntil
    }
    const review = { heldAt: iso(heldAt), decision: input.decision, extendedUntil: input.extendedUntil ?? null, notes: input.notes ?? null }
    set.reviews = JSON.stringify([...current.reviews, review])
    return { set, events: [event(current, 'intervention.review-held', heldAt, { decision: input.decision, extendedUntil: input.extendedUntil ?? null })] }
  })
}

/** Consent is given for 3 months and extended once, to at most 6 months in all (000 §1). */
export async function extendConsent(db: Db, ctx: ChangeContext, id: string, input: { extendedAt?: string; until: string; recordedBy: string }, expected: number | null) {
  const extendedAt = at('extendedAt', input.extendedAt, ctx)
  return changeIntervention(db, ctx, id, expected, (_trx, current) => {
    assertOpen(current)
    assertAfterStart(current, 'extendedAt', extendedAt)
    if (current.consentExtension) throw conflict('The family’s consent has already been extended once; it cannot be extended again')
    const start = localDay(current.startedAt)
    const initial = start.plus({ months: 3 }).toISODate()!
    const maximum = start.plus({ months: 6 }).toISODate()!
    if (input.until <= initial) throw invalidField('until', `must be after the initial consent period, which ends ${initial}`)
    if (input.until > maximum) {
      throw new ProblemError('unprocessable', `Consent may be extended to at most 6 months in all: ${maximum}`, [{ in: 'body', field: 'until', message: `must not be after ${maximum}` }])
    }
    return {
      set: { consentExtension: JSON.stringify({ extendedAt: iso(extendedAt), until: input.until, recordedBy: input.recordedBy }) },
      events: [event(current, 'intervention.consent-extended', extendedAt, { until: input.until })],
    }
  })
}

const AUDIT_EVENTS = { first: 'intervention.first-audit-recorded', three_month: 'intervention.three-month-audit-recorded', final: 'intervention.final-audit-recorded' } as const

export async function recordAudit(db: Db, ctx: ChangeContext, id: string, input: { kind: keyof typeof AUDIT_EVENTS; recordedAt?: string; auditor: string; notes?: string }, expected: number | null) {
  const recordedAt = at('recordedAt', input.recordedAt, ctx)
  return changeIntervention(db, ctx, id, expected, (_trx, current) => {
    assertAfterStart(current, 'recordedAt', recordedAt)
    if (current.audits[input.kind]) throw conflict(`The ${input.kind.replace('_', '-')} audit is already recorded`)
    // The final audit may follow the ending (at 6 months or at the end); the others are of ongoing work.
    if (input.kind !== 'final') assertOpen(current)
    return {
      set: { audits: JSON.stringify({ ...current.audits, [input.kind]: { recordedAt: iso(recordedAt), auditor: input.auditor, notes: input.notes ?? null } }) },
      events: [event(current, AUDIT_EVENTS[input.kind], recordedAt)],
    }
  })
}

export async function recordJointSupervision(db: Db, ctx: ChangeContext, id: string, input: { heldAt?: string; attendees?: string[]; notes?: string }, expected: number | null) {
  const heldAt = at('heldAt', input.heldAt, ctx)
  return changeIntervention(db, ctx, id, expected, (_trx, current) => {
    assertOpen(current)
    assertAfterStart(current, 'heldAt', heldAt)
    return {
      set: { jointSupervisions: JSON.stringify([...current.jointSupervisions, { heldAt: iso(heldAt), attendees: input.attendees ?? [], notes: input.notes ?? null }]) },
      events: [event(current, 'intervention.joint-supervision-held', heldAt)],
    }
  })
}

const MEETING_EVENTS = { first: 'intervention.first-meeting-held', taf_review: 'intervention.taf-review-held', final: 'intervention.final-meeting-held' } as const

export async function recordMeeting(db: Db, ctx: ChangeContext, id: string, input: { kind: keyof typeof MEETING_EVENTS; heldAt?: string; attendees?: string[]; notes?: string }, expected: number | null) {
  const heldAt = at('heldAt', input.heldAt, ctx)
  return changeIntervention(db, ctx, id, expected, (_trx, current) => {
    assertOpen(current)
    assertAfterStart(current, 'heldAt', heldAt)
    const kinds = current.meetings.map((m) => m.kind)
    if (input.kind !== 'taf_review' && kinds.includes(input.kind)) throw conflict(`The ${input.kind} meeting is already recorded`)
    if (input.kind === 'taf_review' && !kinds.includes('first')) throw conflict('A TAF review follows the first meeting, which is not recorded yet')
    return {
      set: { meetings: JSON.stringify([...current.meetings, { kind: input.kind, heldAt: iso(heldAt), attendees: input.attendees ?? [], notes: input.notes ?? null }]) },
      events: [event(current, MEETING_EVENTS[input.kind], heldAt)],
    }
  })
}

export async function recordFiveMonthCheck(db: Db, ctx: ChangeContext, id: string, input: { heldAt?: string; checkedBy: string; notes?: string }, expected: number | null) {
  const heldAt = at('heldAt', input.heldAt, ctx)
  return changeIntervention(db, ctx, id, expected, (_trx, current) => {
    assertOpen(current)
    assertAfterStart(current, 'heldAt', heldAt)
    if (current.fiveMonthCheck) throw conflict('The five-month check is already recorded')
    return {
      set: { fiveMonthCheck: JSON.stringify({ heldAt: iso(heldAt), checkedBy: input.checkedBy, notes: input.notes ?? null }) },
      events: [event(current, 'intervention.five-month-check-held', heldAt)],
    }
  })
}

/** Suspension (003: e.g. during a Section 47 enquiry) pauses the intervention's pausable clocks. */
export async function suspendIntervention(db: Db, ctx: ChangeContext, id: string, input: { at?: string; reason: string }, expected: number | null) {
  const when = at('at', input.at, ctx)
  return changeIntervention(db, ctx, id, expected, (_trx, current) => {
    assertOpen(current)
    if (current.status === 'suspended') throw conflict('The intervention is already suspended')
    assertAfterStart(current, 'at', when)
    const last = current.suspensions.at(-1) as { resumedAt?: string } | undefined
    if (last?.resumedAt && when < new Date(last.resumedAt)) throw invalidField('at', 'must not be before the last resumption')
    return {
      set: { status: 'suspended', suspendedAt: when, suspensions: JSON.stringify([...current.suspensions, { suspendedAt: iso(when), reason: input.reason, resumedAt: null }]) },
      events: [event(current, 'intervention.suspended', when, { reason: input.reason })],
    }
  })
}

/** Resumption restarts the paused clocks with the paused working days added to their due dates (003). */
export async function resumeIntervention(db: Db, ctx: ChangeContext, id: string, input: { at?: string }, expected: number | null) {
  const when = at('at', input.at, ctx)
  return changeIntervention(db, ctx, id, expected, (_trx, current) => {
    if (current.status !== 'suspended' || !current.suspendedAt) throw conflict('The intervention is not suspended')
    if (when < current.suspendedAt) throw invalidField('at', 'must not be before the suspension')
    const suspensions = current.suspensions.map((s, i) => (i === current.suspensions.length - 1 ? { ...s, resumedAt: iso(when) } : s))
    return {
      set: { status: 'active', suspendedAt: null, suspensions: JSON.stringify(suspensions) },
      events: [event(current, 'intervention.resumed', when)],
    }
  })
}

/** A manager's recorded exception to continue past the maximum duration (000 §6; 003). */
export async function recordDurationException(db: Db, ctx: ChangeContext, id: string, input: { recordedAt?: string; until: string; reason: string; agreedBy: string }, expected: number | null) {
  const recordedAt = at('recordedAt', input.recordedAt, ctx)
  return changeIntervention(db, ctx, id, expected, async (trx, current) => {
    assertOpen(current)
    assertAfterStart(current, 'recordedAt', recordedAt)
    const maximum = (await maximumDurationDue(trx, current.id)) ?? localDay(current.startedAt).plus({ months: 6 }).toISODate()!
    if (input.until <= maximum) throw invalidField('until', `must be after the maximum duration, ${maximum}: no exception is needed before it`)
    return {
      set: { durationException: JSON.stringify({ recordedAt: iso(recordedAt), until: input.until, reason: input.reason, agreedBy: input.agreedBy }) },
      events: [],
    }
  })
}

/** Whether the team's service holds a final Team Around the Family meeting before closure (document 002). */
