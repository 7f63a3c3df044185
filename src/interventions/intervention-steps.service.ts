import type { Transaction } from 'kysely'
import type { ChangeContext } from '../context.js'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema.js'
import { conflict, invalidField, ProblemError } from '../http/problems.js'
import type { VersionCondition } from '../http/versioning.js'
import { recordAndApply } from '../sla-clocks/record-and-apply.js'
import { type InterventionChanges, lockOpenInterventionOfRequest, updateIntervention } from './intervention.repository.js'
import { assertConsentCovers, assertManager, assertOpen, dayOf, event, iso, stepTime, textOf } from './intervention.rules.js'
import { changeIntervention, latestEnd, presetOfTeam } from './intervention.service.js'
import type {
  AuditCreate,
  FamilyFeedbackCreate,
  FiveMonthCheckCreate,
  JointSupervisionCreate,
  MeetingCreate,
  ReviewCreate,
} from './intervention-steps.schemas.js'

/**
 * A review (TRT: the initial review within 12 weeks). Practitioners record `continue`; extending or
 * ending the work is a manager's decision, and extending past the maximum duration needs a recorded exception.
 */
export async function recordReview(db: Db, ctx: ChangeContext, id: string, input: ReviewCreate, expected: VersionCondition) {
  if (input.decision !== 'continue') assertManager(ctx, `decide to ${input.decision} an intervention at review`)
  if (input.decision === 'extend' && !input.extendedUntil) throw invalidField('extendedUntil', 'is required to extend the intervention')
  if (input.decision !== 'extend' && input.extendedUntil) throw invalidField('extendedUntil', 'is only for a decision to extend')
  return changeIntervention(db, ctx, id, expected, async (trx, current) => {
    assertOpen(current)
    const heldAt = stepTime(ctx, current, 'heldAt', input.heldAt)
    assertConsentCovers(current, heldAt, 'a review')
    const set: InterventionChanges = {}
    if (input.extendedUntil) {
      if (input.extendedUntil <= dayOf(heldAt)) throw invalidField('extendedUntil', 'must be after the review')
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

const AUDIT_EVENTS = {
  first: 'intervention.first-audit-recorded',
  three_month: 'intervention.three-month-audit-recorded',
  final: 'intervention.final-audit-recorded',
} as const

/**
 * The casework audits of 000 §10: the first (within 4 weeks), at 3 months, and the final one; each once,
 * with what was looked at (each aspect once), the grade and findings, and the actions that follow.
 */
export async function recordAudit(db: Db, ctx: ChangeContext, id: string, input: AuditCreate, expected: VersionCondition) {
  return changeIntervention(db, ctx, id, expected, (_trx, current) => {
    const recordedAt = stepTime(ctx, current, 'recordedAt', input.recordedAt)
    if (current.audits[input.kind]) throw conflict(`The ${input.kind.replace('_', '-')} audit is already recorded`)
    const aspects = (input.aspects ?? []).map((a) => a.aspect)
    if (new Set(aspects).size !== aspects.length) throw invalidField('aspects', 'names an aspect twice')
    // The final audit may follow the ending (at 6 months or at the end); the others are of ongoing work.
    if (input.kind !== 'final') assertOpen(current)
    return {
      set: {
        audits: JSON.stringify({
          ...current.audits,
          [input.kind]: {
            recordedAt: iso(recordedAt),
            auditor: input.auditor,
            notes: input.notes ?? null,
            aspects: (input.aspects ?? []).map((a) => ({ ...a, finding: a.finding ?? null })),
            grade: input.grade ?? null,
            actions: input.actions ?? [],
          },
        }),
      },
      events: [event(current, AUDIT_EVENTS[input.kind], recordedAt)],
    }
  })
}

/** Joint supervision with the lead professional, at 3 and 6 months (000 §11). */
export async function recordJointSupervision(db: Db, ctx: ChangeContext, id: string, input: JointSupervisionCreate, expected: VersionCondition) {
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

/** Team Around the Family meetings (document 002): the first, a review every 8 weeks after it, and the final one. */
export async function recordMeeting(db: Db, ctx: ChangeContext, id: string, input: MeetingCreate, expected: VersionCondition) {
  return changeIntervention(db, ctx, id, expected, (_trx, current) => {
    assertOpen(current)
    const kinds = current.meetings.map((m) => m.kind)
    if (input.kind !== 'taf_review' && kinds.includes(input.kind)) throw conflict(`The ${input.kind} meeting is already recorded`)
    if (input.kind === 'taf_review' && !kinds.includes('first')) throw conflict('A TAF review follows the first meeting, which is not recorded yet')
    const first = textOf(
      current.meetings.find((m) => m.kind === 'first'),
      'heldAt',
    )
    const heldAt = stepTime(ctx, current, 'heldAt', input.heldAt, ...(input.kind === 'first' ? [] : [{ at: first, what: 'the first meeting' }]))
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

/**
 * A TAF review held as the review of the family's plan (002: every 8 weeks after the first meeting), for
 * a case whose lock the caller holds: recorded on the request's open intervention as `recordMeeting` does,
 * stopping its `taf-review` clock and starting the next. 409 when there is no open intervention or its
 * first meeting is not recorded.
 */
export async function recordTafReviewOfRequest(
  trx: Transaction<Database>,
  ctx: ChangeContext,
  serviceRequestId: string,
  input: { heldAt: Date; attendees: string[]; notes: string | null; planId: string },
) {
  const current = await lockOpenInterventionOfRequest(trx, serviceRequestId)
  if (!current) throw conflict('A TAF review is held with the work under way: the request has no open intervention')
  const first = textOf(
    current.meetings.find((m) => m.kind === 'first'),
    'heldAt',
  )
  if (!first) throw conflict('A TAF review follows the first meeting, which is not recorded yet')
  const heldAt = stepTime(ctx, current, 'heldAt', input.heldAt.toISOString(), { at: first, what: 'the first meeting' })
  const meetings = [...current.meetings, { kind: 'taf_review' as const, heldAt: iso(heldAt), attendees: input.attendees, notes: input.notes }]
  await updateIntervention(trx, current.id, { meetings: JSON.stringify(meetings), version: current.version + 1, updatedByKeyId: ctx.caller.keyId }, ctx.now)
  await recordAndApply(trx, ctx, [event(current, 'intervention.taf-review-held', heldAt, { planId: input.planId })])
  return current.id
}

/** The co-ordinator's check that work open 5 months is still active and purposeful (document 002). */
export async function recordFiveMonthCheck(db: Db, ctx: ChangeContext, id: string, input: FiveMonthCheckCreate, expected: VersionCondition) {
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

/** Feedback and evaluation from the family (000 §6, §10), during the work or after its end; kept for the monthly report. */
export async function recordFamilyFeedback(db: Db, ctx: ChangeContext, id: string, input: FamilyFeedbackCreate, expected: VersionCondition) {
  return changeIntervention(db, ctx, id, expected, (_trx, current) => {
    const receivedAt = stepTime(ctx, current, 'receivedAt', input.receivedAt)
    const entry = { receivedAt: iso(receivedAt), from: input.from, feedback: input.feedback, howHelpful: input.howHelpful ?? null }
    return { set: { familyFeedback: JSON.stringify([...current.familyFeedback, entry]) }, events: [] }
  })
}
