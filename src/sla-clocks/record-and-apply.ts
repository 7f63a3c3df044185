import type { Transaction } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { CalendarCache, WorkingCalendar } from '../calendar/index.js'
import type { ChangeContext } from '../context.js'
import type { Database, SlaClockRow } from '../db/schema.js'
import { executeSqlIn } from '../db/transaction.js'
import { type DomainEvent, recordEvents } from '../events/outbox.js'
import {
  applyClockChange,
  type ClockEffect,
  type ClockState,
  findStandard,
  isEventType,
  planClockChanges,
  presetById,
  type SubjectRef,
  startClock,
  type WorkRef,
} from '../sla/index.js'
import { closePause, insertClock, lockOpenClocksOf, openPause, toClockState, updateClock } from './clock.repository.js'
import { Setup } from './clock-setup.js'

/** Where a piece of work sits: what every clock it starts is filed under. */
export interface WorkContext {
  familyId: string | null
  teamId: string
  practitionerId?: string | null
  serviceRequestId?: string | null
}

export interface WorkEvent extends Omit<DomainEvent, 'familyId' | 'teamId' | 'parentSubjects' | 'practitionerId' | 'serviceRequestId'> {
  occurredAt: Date
  parentSubjects?: SubjectRef[]
  work: WorkContext
}

type Trx = Transaction<Database>

/** Locks the team's and the calendar's rows (key share) before a clock of theirs is locked, and returns the calendar. */
export async function lockCalendarsForClocks(trx: Trx, cache: CalendarCache, teamId: string, calendarId: string): Promise<WorkingCalendar> {
  const setup = new Setup(trx, cache)
  await setup.team(teamId)
  return setup.calendar(calendarId)
}

const workOf = (e: WorkEvent): WorkRef => ({
  familyId: e.work.familyId,
  teamId: e.work.teamId,
  practitionerId: e.work.practitionerId ?? null,
  serviceRequestId: e.work.serviceRequestId ?? null,
})

/** Writes what a clock change does besides the clock: its pause history, and a due-date move as an event. */
export async function recordClockEffects(
  trx: Trx,
  ctx: ChangeContext,
  clock: ClockState,
  effects: ClockEffect[],
  data: Record<string, unknown> = {},
): Promise<void> {
  for (const effect of effects) {
    if (effect.kind === 'pause-opened') await openPause(trx, effect.clockId, effect.at)
    if (effect.kind === 'pause-closed') await closePause(trx, effect.clockId, effect.at, effect.workingDays)
  }
  const moves = effects.filter((e) => e.kind === 'due-date-moved')
  await recordEvents(
    trx,
    ctx,
    moves.map((move) => ({
      type: 'sla-clock.due-date-moved',
      subjectType: 'sla_clock',
      subjectId: clock.id,
      familyId: clock.familyId,
      teamId: clock.teamId,
      data: { reason: move.reason, standard: clock.standardKey, from: move.from, to: move.to, pausedWorkingDays: clock.pausedWorkingDays, ...data },
    })),
  )
}

/**
 * Records a change's domain events in the outbox and lets the SLA engine start, stop, pause, resume,
 * close or bring forward clocks for them under the team's preset, all inside the change's transaction.
 * Lock order (every writer keeps it): the case's records (the caller), then the team and calendar rows
 * (key share), then the clocks in id order. Open clocks follow the standard they started under.
 */
export async function recordAndApply(trx: Trx, ctx: ChangeContext, events: WorkEvent[]): Promise<void> {
  await recordEvents(
    trx,
    ctx,
    events.map((e) => {
      const { work: _work, ...event } = e
      return { ...event, ...workOf(e) }
    }),
  )
  const setup = new Setup(trx, ctx.calendars)
  let breachDue = false
  for (const event of events) {
    if (!isEventType(event.type)) continue
    const team = await setup.team(event.work.teamId)
    // The calendar before the clocks, as every writer of clocks locks them.
    await setup.calendar(team.calendarId)
    const rows = new Map((await lockOpenClocksOf(trx, [event.subjectId, ...(event.parentSubjects ?? []).map((p) => p.id)])).map((r) => [r.id, r]))
    const changes = planClockChanges(team.preset, event, [...rows.values()].map(toClockState), (clock) =>
      findStandard(presetById(clock.presetId), clock.standardKey),
    )
    for (const change of changes) {
      if (change.kind === 'start') {
        const standard = findStandard(team.preset, change.standardKey)
        if (!standard) throw new Error(`Preset ${team.preset.id} has no standard ${change.standardKey} to start`)
        const { clock, effects } = startClock(uuidv7(), standard, team.preset.id, change, workOf(event), await setup.calendar(team.calendarId))
        await insertClock(trx, clock, ctx.now)
        await recordClockEffects(trx, ctx, clock, effects)
        breachDue ||= clock.onBreach !== 'flag' && !clock.pausedAt && clock.dueAt < ctx.now
        continue
      }
      const before = rows.get(change.clockId)
      if (!before) throw new Error(`Clock ${change.clockId} was planned for a change but not locked for it`)
      const { clock, effects } = applyClockChange(toClockState(before), change, await setup.calendar(before.calendarId))
      rows.set(clock.id, await updateClock(trx, before, clock, ctx.now))
      await recordClockEffects(trx, ctx, clock, effects)
      breachDue ||= clock.onBreach !== 'flag' && clock.completedAt === null && clock.closedAt === null && !clock.pausedAt && clock.dueAt < ctx.now
    }
  }
  // Clocks that fall due later are found by the queue's minute-by-minute run; one already due is asked for now.
  if (breachDue && ctx.jobs) await ctx.jobs.requestBreachActions(executeSqlIn(trx))
}

export type { SlaClockRow }
