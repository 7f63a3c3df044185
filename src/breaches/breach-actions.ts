import { endActiveAllocationOf } from '../allocations/allocation.lifecycle.js'
import type { CalendarCache } from '../calendar/index.js'
import { type ChangeContext, systemContext } from '../context.js'
import type { Db } from '../db/database.js'
import { runInTransaction } from '../db/transaction.js'
import { recordEvents } from '../events/outbox.js'
import { isFinal, lockCase, moveRequest } from '../service-requests/service-request.lifecycle.js'
import { applyClockChange, breachActionAt } from '../sla/index.js'
import { lockClockById, toClockState, updateClock } from '../sla-clocks/clock.repository.js'
import { lockCalendarsForClocks, recordAndApply } from '../sla-clocks/record-and-apply.js'
import { workingCalendars } from '../working-calendars/working-calendars.js'
import { type BreachCursor, findClockPlacement, findClocksDueForAction } from './breach.repository.js'

/** How many breached clocks are read at a time. */
const BATCH = 200

/**
 * `end-service-request`: a request with no planning progress 10 working days after allocation is ended
 * by the service with reason `no_progress`, and a re-request is needed (service guide 000 §8). The
 * breached clock is closed as missed (its work was never done), then the request and its allocation end,
 * which closes their other clocks by the same rule. Lock order as every change of a case: the request (the
 * case lock), then the team's and calendar's rows (key share), then the clock. Its events in that order too:
 * the breach actioned, then the request and allocation ended. False when another instance, or the work
 * itself, got there first.
 */
async function endServiceRequest(db: Db, ctx: ChangeContext, clockId: string, requestId: string): Promise<boolean> {
  return runInTransaction(db, async (trx) => {
    const request = await lockCase(trx, requestId)
    if (!request) throw new Error(`Service request ${requestId} of clock ${clockId} does not exist`)
    const placement = await findClockPlacement(trx, clockId)
    const calendar = await lockCalendarsForClocks(trx, ctx.calendars, placement.teamId, placement.calendarId)
    const clock = await lockClockById(trx, clockId)
    if (!clock || clock.breachActionedAt || clock.completedAt || clock.closedAt || clock.pausedAt || clock.dueAt >= ctx.now) return false
    const closed = applyClockChange(toClockState(clock), { kind: 'close', clockId, at: ctx.now }, calendar)
    await updateClock(trx, clock, closed.clock, ctx.now, {
      breachActionedAt: ctx.now,
      lateReason: 'No planning progress: the request was ended by the service',
    })
    await recordEvents(trx, ctx, [
      {
        type: 'sla-clock.breach-actioned',
        subjectType: 'sla_clock',
        subjectId: clock.id,
        familyId: clock.familyId,
        teamId: clock.teamId,
        data: { action: clock.onBreach, standard: clock.standardKey, subjectType: clock.subjectType, subjectId: clock.subjectId, serviceRequestId: request.id },
      },
    ])
    if (isFinal(request.status) || request.status !== 'allocated') return true
    const ended = await moveRequest(trx, ctx, request, {
      to: 'ended',
      at: ctx.now,
      set: { endedReason: 'no_progress', endedAt: ctx.now },
      data: { reason: 'no_progress', reRequestNeeded: true, breachedClockId: clock.id, standard: clock.standardKey },
    })
    const allocations = await endActiveAllocationOf(trx, ctx, request.id, { at: ctx.now, reason: 'no_progress' })
    await recordAndApply(trx, ctx, [ended.event, ...allocations])
    return true
  })
}

type BreachAction = (db: Db, ctx: ChangeContext, clockId: string, requestId: string) => Promise<boolean>

/** The breach actions a standard's `onBreach` may name, besides `flag` (nothing but the listing). */
const ACTIONS: Partial<Record<string, BreachAction>> = {
  'end-service-request': endServiceRequest,
}

/**
 * Acts on every open clock past its due instant whose standard names a breach action, once the breach has
 * been known for the grace period (`graceWorkingDays`, BREACH_ACTION_GRACE). Returns how many it acted on.
 */
export async function runBreachActions(db: Db, now: Date, options: { graceWorkingDays: number; calendars: CalendarCache; runId?: string }): Promise<number> {
  const ctx: ChangeContext = { ...systemContext(now, options.runId ?? `breach-actions-${now.toISOString()}`), calendars: options.calendars }
  let acted = 0
  let after: BreachCursor | null = null
  for (;;) {
    const due = await findClocksDueForAction(db, now, after, BATCH)
    if (due.length === 0) break
    after = due[due.length - 1]
    const calendars = await workingCalendars(
      db,
      options.calendars,
      due.map((c) => c.calendarId),
    )
    for (const clock of due) {
      const action = ACTIONS[clock.onBreach]
      if (!action || !clock.serviceRequestId) continue
      const calendar = calendars.get(clock.calendarId)
      if (!calendar) throw new Error(`Calendar ${clock.calendarId} of clock ${clock.id} does not exist`)
      if (breachActionAt(clock, options.graceWorkingDays, calendar) > now) continue
      if (await action(db, ctx, clock.id, clock.serviceRequestId)) acted++
    }
    if (due.length < BATCH) break
  }
  return acted
}
