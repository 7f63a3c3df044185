import type { Db } from '../db/database.js'
import type { SlaClockRow } from '../db/schema.js'
import { recordEvents } from '../events/outbox.js'
import type { ChangeContext } from '../http/context.js'
import { FINAL_STATUSES } from '../service-requests/service-request.schemas.js'
import { recordAndApply } from './record-and-apply.js'

/** How many breached clocks one run acts on; the next run takes the rest. */
const BATCH = 100

/** The service acting on its own: no API key, named as the SLA engine in the audit trail. */
export const systemContext = (now: Date, runId: string): ChangeContext => ({
  caller: { keyId: null, role: 'admin', teamId: null, actingUser: 'system:sla-engine' },
  requestId: runId,
  now,
})

/**
 * `end-service-request`: a request with no planning progress 10 working days after allocation is ended
 * by the service with reason `no_progress`, and a re-request is needed (service guide 000 §8). The
 * breached clock is closed late, so the breach stays on record; the allocation ends with the request.
 */
async function endServiceRequest(db: Db, ctx: ChangeContext, clock: SlaClockRow): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const locked = await trx.selectFrom('slaClocks').selectAll().where('id', '=', clock.id).where('breachActionedAt', 'is', null).where('completedAt', 'is', null).where('cancelledAt', 'is', null).forUpdate().skipLocked().executeTakeFirst()
    if (!locked || !locked.serviceRequestId) return
    await trx.updateTable('slaClocks').set({ breachActionedAt: ctx.now, completedAt: ctx.now, lateReason: 'No planning progress: the request was ended by the service', updatedAt: ctx.now, version: locked.version + 1 }).where('id', '=', locked.id).execute()
    const request = await trx.selectFrom('serviceRequests').selectAll().where('id', '=', locked.serviceRequestId).forUpdate().executeTakeFirstOrThrow()
    const work = { familyId: request.familyId, teamId: request.teamId, serviceRequestId: request.id, practitionerId: locked.practitionerId }
    if (!(FINAL_STATUSES as readonly string[]).includes(request.status)) {
      await trx.updateTable('serviceRequests').set({ status: 'ended', endedReason: 'no_progress', endedAt: ctx.now, version: request.version + 1, updatedAt: ctx.now }).where('id', '=', request.id).execute()
      const allocations = await trx.updateTable('allocations').set((eb) => ({ status: 'ended', endedAt: ctx.now, endedReason: 'no_progress', version: eb('version', '+', 1), updatedAt: ctx.now }))
        .where('serviceRequestId', '=', request.id).where('status', '=', 'active').returning('id').execute()
      await recordAndApply(trx, ctx, [
        { type: 'service-request.ended', subjectType: 'service_request', subjectId: request.id, occurredAt: ctx.now, work, data: { reason: 'no_progress', reRequestNeeded: true, breachedClockId: locked.id, standard: locked.standardKey } },
        ...allocations.map((a) => ({ type: 'allocation.ended', subjectType: 'allocation', subjectId: a.id, occurredAt: ctx.now, work, parentSubjects: [{ type: 'service_request', id: request.id }], data: { reason: 'no_progress' } })),
      ])
    }
    await recordEvents(trx, ctx, [{ type: 'sla-clock.breach-actioned', subjectType: 'sla_clock', subjectId: locked.id, familyId: locked.familyId, teamId: locked.teamId, data: { action: locked.onBreach, standard: locked.standardKey, serviceRequestId: request.id } }])
  })
}

const ACTIONS: Record<string, (db: Db, ctx: ChangeContext, clock: SlaClockRow) => Promise<void>> = {
  'end-service-request': endServiceRequest,
}

/** Acts on every open clock past its due instant whose standard names a breach action. Returns how many. */
export async function runBreachActions(db: Db, now: Date, runId = `breach-actions-${now.toISOString()}`): Promise<number> {
  const due = await db
    .selectFrom('slaClocks')
    .selectAll()
    .where('onBreach', '<>', 'flag').where('breachActionedAt', 'is', null).where('completedAt', 'is', null).where('cancelledAt', 'is', null)
    .where('dueAt', '<', now)
    .orderBy('dueAt')
    .limit(BATCH)
    .execute()
  const ctx = systemContext(now, runId)
  for (const clock of due) await ACTIONS[clock.onBreach]?.(db, ctx, clock)
  return due.length
}
