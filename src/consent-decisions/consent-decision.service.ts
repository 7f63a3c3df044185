import { endActiveAllocationOf } from '../allocations/allocation.lifecycle.js'
import type { ConsentCreate } from '../consents/consent.schemas.js'
import { recordConsent } from '../consents/consent.service.js'
import type { ChangeContext } from '../context.js'
import type { Db } from '../db/database.js'
import { runInTransaction } from '../db/transaction.js'
import { assertFamilyOfTeam, usableFamily } from '../families/family.service.js'
import { invalidReference } from '../http/problems.js'
import { stopInterventionOfRequest } from '../interventions/intervention-withdrawal.js'
import { lockCase, moveRequest } from '../service-requests/service-request.lifecycle.js'
import { recordAndApply, type WorkEvent } from '../sla-clocks/record-and-apply.js'
import { usableTeam } from '../teams/team.service.js'

/**
 * Records a family's decision about consent (000 §8; 002; 004). A withdrawal of consent to the service stops
 * the work it covered, in one transaction under the case's lock: the open intervention stops (its clocks
 * closed by the verdict rules), the allocation ends (its clocks likewise), and the request ends (reason
 * `consent_withdrawn`) or, not yet allocated, is withdrawn.
 */
export async function decideConsent(db: Db, ctx: ChangeContext, input: ConsentCreate) {
  const family = await usableFamily(db, ctx.caller, input.familyId)
  const team = await usableTeam(db, ctx.caller, input.teamId)
  assertFamilyOfTeam(family, team.id)
  const { familyId: _f, teamId: _t, serviceRequestId, ...decision } = input
  return runInTransaction(db, async (trx) => {
    const request = serviceRequestId ? await lockCase(trx, serviceRequestId) : null
    if (serviceRequestId && (!request || request.familyId !== family.id))
      throw invalidReference('serviceRequestId', `a request of this family ${serviceRequestId}`)
    const place = { familyId: family.id, teamId: team.id, serviceRequestId: request?.id ?? null, allocationId: null, obtainedAt: 'other' as const }
    const since = request && decision.decision === 'withdrawn' ? [{ at: request.receivedAt, what: 'the request was received' }] : []
    const row = await recordConsent(trx, ctx, place, decision, ...since)
    if (!request || row.decision !== 'withdrawn' || !decision.scopes.includes('service')) return row
    const at = row.decidedAt
    const reason = 'consent_withdrawn'
    const events: WorkEvent[] = [...(await stopInterventionOfRequest(trx, ctx, request.id, at))]
    events.push(...(await endActiveAllocationOf(trx, ctx, request.id, { at, reason })))
    const to = request.status === 'allocated' ? 'ended' : ['received', 'accepted'].includes(request.status) ? 'withdrawn' : null
    if (to)
      events.push((await moveRequest(trx, ctx, request, { to, at, set: { endedReason: reason, endedAt: at }, data: { reason, consentId: row.id } })).event)
    await recordAndApply(trx, ctx, events)
    return row
  })
}
