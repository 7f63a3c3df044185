import { lockAllocationById } from '../allocations/allocation.repository.js'
import type { Db } from '../db/database.js'
import type { ChangeContext } from '../http/context.js'
import { ProblemError, conflict, invalidField, invalidReference } from '../http/problems.js'
import { findMeasure } from '../outcome-measures/catalogue.js'
import { presetById } from '../sla-clocks/presets.js'
import type { StandardsPreset } from '../sla/index.js'
import type { EndInput } from './intervention.schemas.js'
import { localDay, iso, at, event, changeIntervention, assertOpen, assertAfterStart, interventionWork } from './intervention.service.js'
import type { Update } from './intervention.service.js'

export const requiresFinalMeeting = (preset: StandardsPreset) =>
  preset.standards.some((s) => [...s.startsOn, ...s.stopsOn].some((e) => e === 'intervention.first-meeting-held' || e === 'intervention.taf-review-held'))

/**
 * Ends the intervention with the summary of work (000 §6). The ending stops or cancels the
 * intervention's clocks per the preset (the final audit stays open until recorded, unless it is recorded
 * with the ending), ends the allocation and the request, and sets the 6-month baseline follow-up.
 */
export async function endIntervention(db: Db, ctx: ChangeContext, id: string, input: EndInput, expected: number | null) {
  const endedAt = at('endedAt', input.endedAt, ctx)
  return changeIntervention(db, ctx, id, expected, async (trx, current) => {
    assertOpen(current)
    assertAfterStart(current, 'endedAt', endedAt)
    if (current.suspendedAt && endedAt < current.suspendedAt) throw invalidField('endedAt', 'must not be before the suspension')
    const team = await trx.selectFrom('teams').select('standardsPreset').where('id', '=', current.teamId).executeTakeFirstOrThrow()
    if (requiresFinalMeeting(presetById(team.standardsPreset)) && !current.meetings.some((m) => m.kind === 'final')) {
      throw new ProblemError('unprocessable', 'A final Team Around the Family meeting must be held before the case is closed', [{ in: 'body', field: 'endedAt', message: 'needs the final meeting recorded first' }])
    }
    const { finalAudit, endedAt: _e, ...summary } = input
    const set: Update = {
      status: 'ended', endedAt, suspendedAt: null,
      ending: JSON.stringify({ ...summary, handover: summary.handover ?? null }),
      followUpDueOn: localDay(endedAt).plus({ months: 6 }).toISODate(),
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
    const allocation = await lockAllocationById(trx, current.allocationId)
    if (allocation && allocation.status === 'active') {
      await trx.updateTable('allocations').set({ status: 'ended', endedAt, endedReason: 'intervention_ended', version: allocation.version + 1, updatedAt: ctx.now, updatedByKeyId: ctx.caller.keyId })
        .where('id', '=', allocation.id).execute()
      events.push({ type: 'allocation.ended', subjectType: 'allocation', subjectId: allocation.id, occurredAt: endedAt, work: interventionWork(current).work, parentSubjects: [{ type: 'service_request', id: current.serviceRequestId }], data: { reason: 'intervention_ended' } })
    }
    const request = await trx.selectFrom('serviceRequests').select(['status', 'version']).where('id', '=', current.serviceRequestId).forUpdate().executeTakeFirstOrThrow()
    if (request.status === 'allocated') {
      await trx.updateTable('serviceRequests').set({ status: 'ended', endedReason: 'intervention_ended', endedAt, version: request.version + 1, updatedAt: ctx.now, updatedByKeyId: ctx.caller.keyId })
        .where('id', '=', current.serviceRequestId).execute()
      events.push({ type: 'service-request.ended', subjectType: 'service_request', subjectId: current.serviceRequestId, occurredAt: endedAt, work: interventionWork(current).work, data: { reason: 'intervention_ended' } })
    }
    return { set, events }
  })
}

/** The baseline measures checked at the follow-up, 6 months after the ending (000 Appendix 2). */
export async function recordBaselineFollowUp(db: Db, ctx: ChangeContext, id: string, input: { recordedAt?: string; results: { measureId: string; achieved: boolean; notes?: string }[] }, expected: number | null) {
  const recordedAt = at('recordedAt', input.recordedAt, ctx)
  input.results.forEach((r, i) => {
    const measure = findMeasure(r.measureId)
    if (!measure) throw invalidReference(`results[${i}].measureId`, `outcome measure ${r.measureId}`)
    if (measure.scored) throw invalidField(`results[${i}].measureId`, 'is a scored measure; the follow-up records baseline measures')
  })
  if (new Set(input.results.map((r) => r.measureId)).size !== input.results.length) throw invalidField('results', 'names a measure twice')
  return changeIntervention(db, ctx, id, expected, (_trx, current) => {
    if (current.status !== 'ended' || !current.followUpDueOn) throw conflict('The baseline follow-up is 6 months after the intervention ends; it has not ended')
    if (current.baselineFollowUp) throw conflict('The baseline follow-up is already recorded')
    if (localDay(recordedAt).toISODate()! < current.followUpDueOn) throw invalidField('recordedAt', `must not be before the follow-up date, ${current.followUpDueOn}`)
    return {
      set: { baselineFollowUp: JSON.stringify({ recordedAt: iso(recordedAt), results: input.results.map((r) => ({ ...r, notes: r.notes ?? null })) }) },
      events: [],
    }
  })
}

/** Selects outcome measures with the family, social worker and practitioner (000 §7). */
