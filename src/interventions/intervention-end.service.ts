import { endActiveAllocationOf } from '../allocations/allocation.lifecycle.js'
import type { ChangeContext } from '../context.js'
import type { Db } from '../db/database.js'
import { conflict, invalidField, invalidReference, ProblemError } from '../http/problems.js'
import type { VersionCondition } from '../http/versioning.js'
import { findMeasure } from '../outcome-measures/catalogue.js'
import { moveRequest } from '../service-requests/service-request.lifecycle.js'
import type { InterventionChanges } from './intervention.repository.js'
import { assertOpen, dayOf, event, iso, isoDate, localDay, stepTime, textOf } from './intervention.rules.js'
import { changeIntervention, presetOfTeam } from './intervention.service.js'
import type { BaselineFollowUpCreate, InterventionEnd } from './intervention-steps.schemas.js'

/**
 * Ends the intervention with the summary of work (000 §6). The ending stops or closes the intervention's
 * clocks per the preset (the final audit, due at 6 months or now if that is first, stays open until it is
 * recorded, unless it is recorded with the ending), ends the allocation and the request, and sets the
 * 6-month baseline follow-up.
 */
export async function endIntervention(db: Db, ctx: ChangeContext, id: string, input: InterventionEnd, expected: VersionCondition) {
  return changeIntervention(db, ctx, id, expected, async (trx, current, request) => {
    assertOpen(current)
    const endedAt = stepTime(
      ctx,
      current,
      'endedAt',
      input.endedAt,
      { at: current.suspendedAt, what: 'the suspension' },
      { at: textOf(current.reviews.at(-1), 'heldAt'), what: 'the last review' },
    )
    if ((await presetOfTeam(trx, current.teamId)).policy.finalMeetingBeforeClosure && !current.meetings.some((m) => m.kind === 'final')) {
      throw new ProblemError('unprocessable', 'A final Team Around the Family meeting must be held before the case is closed', [
        { in: 'body', field: 'endedAt', message: 'needs the final meeting recorded first' },
      ])
    }
    const { finalAudit, endedAt: _e, ...summary } = input
    const set: InterventionChanges = {
      status: 'ended',
      endedAt,
      suspendedAt: null,
      ending: JSON.stringify({ ...summary, handover: summary.handover ?? null }),
      followUpDueOn: isoDate(localDay(endedAt).plus({ months: 6 })),
    }
    if (current.status === 'suspended') {
      set.suspensions = JSON.stringify(current.suspensions.map((s, i) => (i === current.suspensions.length - 1 ? { ...s, resumedAt: iso(endedAt) } : s)))
    }
    const events = [event(current, 'intervention.ended', endedAt, { reason: 'completed' })]
    if (finalAudit) {
      if (current.audits.final) throw conflict('The final audit is already recorded')
      set.audits = JSON.stringify({ ...current.audits, final: { recordedAt: iso(endedAt), auditor: finalAudit.auditor, notes: finalAudit.notes ?? null } })
      events.push(event(current, 'intervention.final-audit-recorded', endedAt))
    }
    // The family comes off the practitioner's caseload and the request is finished.
    events.push(...(await endActiveAllocationOf(trx, ctx, current.serviceRequestId, { at: endedAt, reason: 'intervention_ended' })))
    if (request.status === 'allocated') {
      events.push(
        (
          await moveRequest(trx, ctx, request, {
            to: 'ended',
            at: endedAt,
            set: { endedReason: 'intervention_ended', endedAt },
            data: { reason: 'intervention_ended' },
          })
        ).event,
      )
    }
    return { set, events }
  })
}

/** The baseline measures checked at the follow-up, 6 months after the ending (000 Appendix 2). */
export async function recordBaselineFollowUp(db: Db, ctx: ChangeContext, id: string, input: BaselineFollowUpCreate, expected: VersionCondition) {
  input.results.forEach((r, i) => {
    const measure = findMeasure(r.measureId)
    if (!measure) throw invalidReference(`results[${i}].measureId`, `outcome measure ${r.measureId}`)
    if (measure.scored) throw invalidField(`results[${i}].measureId`, 'is a scored measure; the follow-up records baseline measures')
  })
  if (new Set(input.results.map((r) => r.measureId)).size !== input.results.length) throw invalidField('results', 'names a measure twice')
  return changeIntervention(db, ctx, id, expected, (_trx, current) => {
    const recordedAt = stepTime(ctx, current, 'recordedAt', input.recordedAt)
    if (current.status !== 'ended' || !current.followUpDueOn) throw conflict('The baseline follow-up is 6 months after the intervention ends; it has not ended')
    if (current.baselineFollowUp) throw conflict('The baseline follow-up is already recorded')
    if (dayOf(recordedAt) < current.followUpDueOn) throw invalidField('recordedAt', `must not be before the follow-up date, ${current.followUpDueOn}`)
    return {
      set: { baselineFollowUp: JSON.stringify({ recordedAt: iso(recordedAt), results: input.results.map((r) => ({ ...r, notes: r.notes ?? null })) }) },
      events: [event(current, 'intervention.baseline-follow-up-recorded', recordedAt)],
    }
  })
}
