import type { ChangeContext } from '../context.js'
import type { Db } from '../db/database.js'
import { conflict, invalidField, ProblemError } from '../http/problems.js'
import type { Update } from './intervention.service.js'
import {
  assertConsentCovers,
  assertManager,
  assertOpen,
  changeIntervention,
  event,
  iso,
  latestEnd,
  localDay,
  presetOfTeam,
  stepTime,
} from './intervention.service.js'

const lastSuspension = (suspensions: Record<string, unknown>[]) => suspensions.at(-1) as { suspendedAt?: string; resumedAt?: string | null } | undefined

export async function recordReview(
  db: Db,
  ctx: ChangeContext,
  id: string,
  input: { heldAt?: string; decision: 'continue' | 'extend' | 'end'; extendedUntil?: string; notes?: string },
  expected: number | null,
) {
  if (input.decision !== 'continue') assertManager(ctx, `decide to ${input.decision} an intervention at review`)
  if (input.decision === 'extend' && !input.extendedUntil) throw invalidField('extendedUntil', 'is required to extend the intervention')
  if (input.decision !== 'extend' && input.extendedUntil) throw invalidField('extendedUntil', 'is only for a decision to extend')
  return changeIntervention(db, ctx, id, expected, async (trx, current) => {
    assertOpen(current)
    const heldAt = stepTime(ctx, current, 'heldAt', input.heldAt)
    assertConsentCovers(current, heldAt, 'a review')
    const set: Update = {}
    if (input.extendedUntil) {
      if (input.extendedUntil <= localDay(heldAt).toISODate()!) throw invalidField('extendedUntil', 'must be after the review')
      const latest = await latestEnd(trx, current, await presetOfTeam(trx, current.teamId))
      if (latest && input.extendedUntil > latest.date) {
        throw new ProblemError(
          'unprocessable',
          `The intervention may run to ${latest.date} at most${latest.byException ? ' under its recorded exception' : '; past that only with a manager’s recorded duration exception'}`,
          [{ in: 'body', field: 'extendedUntil', message: `must not be after ${latest.date}` }],
        )
      }
      set.extendedUntil = input.extendedUntil
    }
    const review = { heldAt: iso(heldAt), decision: input.decision, extendedUntil: input.extendedUntil ?? null, notes: input.notes ?? null }
    set.reviews = JSON.stringify([...current.reviews, review])
    return { set, events: [event(current, 'intervention.review-held', heldAt, { decision: input.decision, extendedUntil: input.extendedUntil ?? null })] }
  })
}

/**
 * Consent is given for an initial period and extended at most a set number of times, to at most a maximum
 * in all (000 §1: 3 months, once, to 6 months), by the preset's policy. An extension is recorded while
 * consent still runs; once it has lapsed, only renewed consent continues the work.
 */
export async function extendConsent(
  db: Db,
  ctx: ChangeContext,
  id: string,
  input: { extendedAt?: string; until: string; recordedBy: string },
  expected: number | null,
) {
  return changeIntervention(db, ctx, id, expected, async (trx, current) => {
    assertOpen(current)
    const period = (await presetOfTeam(trx, current.teamId)).policy.consentPeriod
    if (!period || current.consentUntil === null) throw conflict('This service sets no consent period to extend')
    const extendedAt = stepTime(ctx, current, 'extendedAt', input.extendedAt)
    assertConsentCovers(current, extendedAt, 'an extension')
    const extended = (current.consentExtension as { extendedAt?: string } | null)?.extendedAt !== undefined
    if (extended || period.extensions === 0)
      throw conflict(`The family’s consent ${extended ? 'has already been extended once' : 'is not extended in this service'}; it cannot be extended again`)
    const maximum = localDay(current.startedAt)
      .plus({ [period.maximum.unit]: period.maximum.amount })
      .toISODate()!
    if (input.until <= current.consentUntil) throw invalidField('until', `must be after the current consent period, which ends ${current.consentUntil}`)
    if (input.until > maximum) {
      throw new ProblemError('unprocessable', `Consent may be extended to at most ${period.maximum.amount} ${period.maximum.unit} in all: ${maximum}`, [
        { in: 'body', field: 'until', message: `must not be after ${maximum}` },
      ])
    }
    return {
      set: { consentUntil: input.until, consentExtension: JSON.stringify({ extendedAt: iso(extendedAt), until: input.until, recordedBy: input.recordedBy }) },
      events: [{ ...event(current, 'intervention.consent-extended', extendedAt, { until: input.until }), until: input.until }],
    }
  })
}

/**
 * The family consents again after their consent lapsed: the work may continue to `until`, no later than
 * the latest the intervention may run to. The lapsed consent's clock stops late; a new one runs to `until`.
 */
export async function renewConsent(
  db: Db,
  ctx: ChangeContext,
  id: string,
  input: { renewedAt?: string; until: string; recordedBy: string; notes?: string },
  expected: number | null,
) {
  return changeIntervention(db, ctx, id, expected, async (trx, current) => {
    assertOpen(current)
    const preset = await presetOfTeam(trx, current.teamId)
    if (!preset.policy.consentPeriod || current.consentUntil === null) throw conflict('This service sets no consent period to renew')
    const renewedAt = stepTime(ctx, current, 'renewedAt', input.renewedAt)
    if (localDay(renewedAt).toISODate()! <= current.consentUntil)
      throw conflict(
        `The family’s consent runs to ${current.consentUntil}; before then it is extended (POST /interventions/${id}/consent-extension), not renewed`,
      )
    if (input.until <= localDay(renewedAt).toISODate()!) throw invalidField('until', 'must be after the renewal')
    const latest = await latestEnd(trx, current, preset)
    if (latest && input.until > latest.date) throw invalidField('until', `must not be after ${latest.date}, the latest the intervention may run to`)
    const renewals = [...((current.consentExtension as { renewals?: unknown[] } | null)?.renewals ?? [])]
    const renewal = { renewedAt: iso(renewedAt), until: input.until, recordedBy: input.recordedBy, notes: input.notes ?? null }
    return {
      set: { consentUntil: input.until, consentExtension: JSON.stringify({ ...(current.consentExtension ?? {}), renewals: [...renewals, renewal] }) },
      events: [{ ...event(current, 'intervention.consent-renewed', renewedAt, { until: input.until }), until: input.until }],
    }
  })
}

const AUDIT_EVENTS = {
  first: 'intervention.first-audit-recorded',
  three_month: 'intervention.three-month-audit-recorded',
  final: 'intervention.final-audit-recorded',
} as const

export async function recordAudit(
  db: Db,
  ctx: ChangeContext,
  id: string,
  input: { kind: keyof typeof AUDIT_EVENTS; recordedAt?: string; auditor: string; notes?: string },
  expected: number | null,
) {
  return changeIntervention(db, ctx, id, expected, (_trx, current) => {
    const recordedAt = stepTime(ctx, current, 'recordedAt', input.recordedAt)
    if (current.audits[input.kind]) throw conflict(`The ${input.kind.replace('_', '-')} audit is already recorded`)
    // The final audit may follow the ending (at 6 months or at the end); the others are of ongoing work.
    if (input.kind !== 'final') assertOpen(current)
    return {
      set: { audits: JSON.stringify({ ...current.audits, [input.kind]: { recordedAt: iso(recordedAt), auditor: input.auditor, notes: input.notes ?? null } }) },
      events: [event(current, AUDIT_EVENTS[input.kind], recordedAt)],
    }
  })
}

export async function recordJointSupervision(
  db: Db,
  ctx: ChangeContext,
  id: string,
  input: { heldAt?: string; attendees?: string[]; notes?: string },
  expected: number | null,
) {
  return changeIntervention(db, ctx, id, expected, (_trx, current) => {
    assertOpen(current)
    const heldAt = stepTime(ctx, current, 'heldAt', input.heldAt)
    return {
      set: {
        jointSupervisions: JSON.stringify([
          ...current.jointSupervisions,
          { heldAt: iso(heldAt), attendees: input.attendees ?? [], notes: input.notes ?? null },
        ]),
      },
      events: [event(current, 'intervention.joint-supervision-held', heldAt)],
    }
  })
}

const MEETING_EVENTS = {
  first: 'intervention.first-meeting-held',
  taf_review: 'intervention.taf-review-held',
  final: 'intervention.final-meeting-held',
} as const

export async function recordMeeting(
  db: Db,
  ctx: ChangeContext,
  id: string,
  input: { kind: keyof typeof MEETING_EVENTS; heldAt?: string; attendees?: string[]; notes?: string },
  expected: number | null,
) {
  return changeIntervention(db, ctx, id, expected, (_trx, current) => {
    assertOpen(current)
    const kinds = current.meetings.map((m) => m.kind)
    if (input.kind !== 'taf_review' && kinds.includes(input.kind)) throw conflict(`The ${input.kind} meeting is already recorded`)
    if (input.kind === 'taf_review' && !kinds.includes('first')) throw conflict('A TAF review follows the first meeting, which is not recorded yet')
    const first = current.meetings.find((m) => m.kind === 'first') as { heldAt?: string } | undefined
    const heldAt = stepTime(ctx, current, 'heldAt', input.heldAt, ...(input.kind === 'first' ? [] : [{ at: first?.heldAt, what: 'the first meeting' }]))
    return {
      set: {
        meetings: JSON.stringify([
          ...current.meetings,
          { kind: input.kind, heldAt: iso(heldAt), attendees: input.attendees ?? [], notes: input.notes ?? null },
        ]),
      },
      events: [event(current, MEETING_EVENTS[input.kind], heldAt)],
    }
  })
}

export async function recordFiveMonthCheck(
  db: Db,
  ctx: ChangeContext,
  id: string,
  input: { heldAt?: string; checkedBy: string; notes?: string },
  expected: number | null,
) {
  return changeIntervention(db, ctx, id, expected, (_trx, current) => {
    assertOpen(current)
    const heldAt = stepTime(ctx, current, 'heldAt', input.heldAt)
    if (current.fiveMonthCheck) throw conflict('The five-month check is already recorded')
    return {
      set: { fiveMonthCheck: JSON.stringify({ heldAt: iso(heldAt), checkedBy: input.checkedBy, notes: input.notes ?? null }) },
      events: [event(current, 'intervention.five-month-check-held', heldAt)],
    }
  })
}

/** Suspension (003: e.g. during a Section 47 enquiry) pauses the intervention's pausable clocks. */
export async function suspendIntervention(db: Db, ctx: ChangeContext, id: string, input: { at?: string; reason: string }, expected: number | null) {
  return changeIntervention(db, ctx, id, expected, (_trx, current) => {
    assertOpen(current)
    if (current.status === 'suspended') throw conflict('The intervention is already suspended')
    const when = stepTime(ctx, current, 'at', input.at, { at: lastSuspension(current.suspensions)?.resumedAt, what: 'the last resumption' })
    return {
      set: {
        status: 'suspended',
        suspendedAt: when,
        suspensions: JSON.stringify([...current.suspensions, { suspendedAt: iso(when), reason: input.reason, resumedAt: null }]),
      },
      events: [event(current, 'intervention.suspended', when, { reason: input.reason })],
    }
  })
}

/** Resumption restarts the paused clocks with the paused working days added to their due dates (003). */
export async function resumeIntervention(db: Db, ctx: ChangeContext, id: string, input: { at?: string }, expected: number | null) {
  return changeIntervention(db, ctx, id, expected, (_trx, current) => {
    if (current.status !== 'suspended' || !current.suspendedAt) throw conflict('The intervention is not suspended')
    const when = stepTime(ctx, current, 'at', input.at, { at: current.suspendedAt, what: 'the suspension' })
    const suspensions = current.suspensions.map((s, i) => (i === current.suspensions.length - 1 ? { ...s, resumedAt: iso(when) } : s))
    return {
      set: { status: 'active', suspendedAt: null, suspensions: JSON.stringify(suspensions) },
      events: [event(current, 'intervention.resumed', when)],
    }
  })
}

/** A manager's recorded exception to continue past the maximum duration (000 §6; 003). */
export async function recordDurationException(
  db: Db,
  ctx: ChangeContext,
  id: string,
  input: { recordedAt?: string; until: string; reason: string; agreedBy: string },
  expected: number | null,
) {
  return changeIntervention(db, ctx, id, expected, async (trx, current) => {
    assertOpen(current)
    const recordedAt = stepTime(ctx, current, 'recordedAt', input.recordedAt)
    const limit = await latestEnd(trx, { ...current, durationException: null }, await presetOfTeam(trx, current.teamId))
    if (limit === null) throw conflict('This service sets no maximum duration to make an exception to')
    if (input.until <= limit.date) throw invalidField('until', `must be after the maximum duration, ${limit.date}: no exception is needed before it`)
    return {
      set: { durationException: JSON.stringify({ recordedAt: iso(recordedAt), until: input.until, reason: input.reason, agreedBy: input.agreedBy }) },
      events: [],
    }
  })
}
