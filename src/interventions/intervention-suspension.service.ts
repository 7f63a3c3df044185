import type { ChangeContext } from '../context.js'
import type { Db } from '../db/database.js'
import { conflict, invalidField } from '../http/problems.js'
import type { VersionCondition } from '../http/versioning.js'
import { assertOpen, event, iso, stepTime, textOf } from './intervention.rules.js'
import { changeIntervention, latestEnd, presetOfTeam } from './intervention.service.js'
import type { DurationExceptionCreate, InterventionResume, InterventionSuspend } from './intervention-steps.schemas.js'

/** Suspension (003: e.g. during a Section 47 enquiry) pauses the intervention's pausable clocks. */
export async function suspendIntervention(db: Db, ctx: ChangeContext, id: string, input: InterventionSuspend, expected: VersionCondition) {
  return changeIntervention(db, ctx, id, expected, (_trx, current) => {
    assertOpen(current)
    if (current.status === 'suspended') throw conflict('The intervention is already suspended')
    const when = stepTime(ctx, current, 'at', input.at, { at: textOf(current.suspensions.at(-1), 'resumedAt'), what: 'the last resumption' })
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
export async function resumeIntervention(db: Db, ctx: ChangeContext, id: string, input: InterventionResume, expected: VersionCondition) {
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
export async function recordDurationException(db: Db, ctx: ChangeContext, id: string, input: DurationExceptionCreate, expected: VersionCondition) {
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
