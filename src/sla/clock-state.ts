import { type IsoDate, localDate, type WorkingCalendar } from '../calendar/index.js'
import { computeDue, dueSoonFrom } from './due.js'
import { applyResume } from './engine.js'
import { laterOf } from './invariants.js'
import type { Standard } from './standard.schema.js'
import type { ClockChange, ClockState, WorkRef } from './types.js'

export interface ClockSchedule {
  dueDate: IsoDate
  dueAt: Date
  dueSoonAt: Date
}

/** What else a clock change does besides the clock itself: the pause history and due-date moves to record. */
export type ClockEffect =
  | { kind: 'pause-opened'; clockId: string; at: Date }
  | { kind: 'pause-closed'; clockId: string; at: Date; workingDays: number }
  | { kind: 'due-date-moved'; clockId: string; from: IsoDate; to: IsoDate; reason: 'resumed' | 'brought-forward' | 'calendar-changed' }

export interface ClockOutcome {
  clock: ClockState
  effects: ClockEffect[]
}

export type Scheduled = Pick<ClockState, 'target' | 'startedAt' | 'pausedWorkingDays' | 'dueSoonWithin' | 'dueBy'>

/** Due date, due instant and due-soon instant of a clock on its calendar, after its paused working days. */
export function scheduleOf(clock: Scheduled, calendar: WorkingCalendar): ClockSchedule {
  const due = computeDue(clock.target, clock.startedAt, calendar, clock.pausedWorkingDays, clock.dueBy)
  return { dueDate: due.dueDate, dueAt: due.dueAt, dueSoonAt: dueSoonFrom(due.dueDate, clock.dueSoonWithin, calendar).at }
}

/**
 * The calendar a clock runs on, and how its schedule is worked out on it: `scheduleOf` unless a caller
 * that makes millions of clocks passes a memoised equivalent (the seeder checks its memo against it).
 */
export interface ClockCalendar {
  calendar: WorkingCalendar
  schedule?: (clock: Scheduled, calendar: WorkingCalendar) => ClockSchedule
}

const on = (calendar: WorkingCalendar | ClockCalendar): Required<ClockCalendar> =>
  'calendar' in calendar ? { calendar: calendar.calendar, schedule: calendar.schedule ?? scheduleOf } : { calendar, schedule: scheduleOf }

export const isOpen = (clock: Pick<ClockState, 'completedAt' | 'closedAt'>) => clock.completedAt === null && clock.closedAt === null

function checkCalendar(clock: Pick<ClockState, 'id' | 'calendarId'>, calendar: WorkingCalendar) {
  if (clock.calendarId !== calendar.id) throw new RangeError(`Clock ${clock.id} runs on calendar ${clock.calendarId}, not ${calendar.id}`)
}

/** The same clock with a fresh schedule, and a due-date move when its due date changed. */
function rescheduled(
  clock: ClockState,
  { calendar, schedule }: Required<ClockCalendar>,
  reason: 'resumed' | 'brought-forward' | 'calendar-changed',
): ClockOutcome {
  const next = { ...clock, ...schedule(clock, calendar) }
  const moved = next.dueDate !== clock.dueDate
  return { clock: next, effects: moved ? [{ kind: 'due-date-moved', clockId: clock.id, from: clock.dueDate, to: next.dueDate, reason }] : [] }
}

/**
 * A new clock for a `start` change, copying what it measures from its standard, so it keeps the title and
 * target it started under whatever later happens to the preset.
 */
export function startClock(
  id: string,
  standard: Standard,
  presetId: string,
  change: Extract<ClockChange, { kind: 'start' }>,
  work: WorkRef,
  runsOn: WorkingCalendar | ClockCalendar,
): ClockOutcome {
  const { calendar, schedule } = on(runsOn)
  const base = {
    id,
    standardKey: standard.key,
    presetId,
    title: standard.title,
    target: { ...standard.target },
    dueSoonWithin: standard.dueSoonWithin,
    onBreach: standard.onBreach,
    subjectType: change.subjectType,
    subjectId: change.subjectId,
    ...work,
    calendarId: calendar.id,
    startedAt: change.startedAt,
    dueBy: standard.target.unit === 'date_given' ? change.until : null,
    completedAt: null,
    closedAt: null,
    pausedAt: change.pausedAt,
    pausedWorkingDays: 0,
  }
  const clock: ClockState = { ...base, ...schedule(base, calendar) }
  return { clock, effects: change.pausedAt ? [{ kind: 'pause-opened', clockId: id, at: change.pausedAt }] : [] }
}

/**
 * One change to one open clock (the single definition every writer of clocks uses: the database layer,
 * the seeder and the tests' in-memory store):
 * - `stop`: its work is done (met, or met late after its due instant);
 * - `close`: closed without its work done (cancelled, or missed after its due instant); a paused clock is
 *   resumed first, so a closure after a pause is judged against the moved due date;
 * - `pause` / `resume`: a resume adds the working days paused and moves the due date (working-days.md);
 * - `bring-forward`: the due date becomes the change's day when that is earlier.
 * A change to a clock that is no longer open is refused: a verdict, once given, never changes.
 */
export function applyClockChange(clock: ClockState, change: Exclude<ClockChange, { kind: 'start' }>, runsOn: WorkingCalendar | ClockCalendar): ClockOutcome {
  const cal = on(runsOn)
  const calendar = cal.calendar
  checkCalendar(clock, calendar)
  if (!isOpen(clock)) throw new RangeError(`Clock ${clock.id} has stopped; its verdict cannot change`)
  const at = change.at
  switch (change.kind) {
    case 'stop':
    case 'close': {
      const resumed =
        clock.pausedAt !== null ? applyClockChange(clock, { kind: 'resume', clockId: clock.id, at: laterOf(clock.pausedAt, at) }, cal) : { clock, effects: [] }
      const field = change.kind === 'stop' ? 'completedAt' : 'closedAt'
      return { clock: { ...resumed.clock, [field]: at }, effects: resumed.effects }
    }
    case 'pause':
      if (clock.pausedAt !== null) return { clock, effects: [] }
      return { clock: { ...clock, pausedAt: at }, effects: [{ kind: 'pause-opened', clockId: clock.id, at }] }
    case 'resume': {
      if (clock.pausedAt === null) return { clock, effects: [] }
      const pausedWorkingDays = applyResume(clock, at, calendar)
      const next = rescheduled({ ...clock, pausedAt: null, pausedWorkingDays }, cal, 'resumed')
      return {
        clock: next.clock,
        effects: [{ kind: 'pause-closed', clockId: clock.id, at, workingDays: pausedWorkingDays - clock.pausedWorkingDays }, ...next.effects],
      }
    }
    case 'bring-forward': {
      const day = localDate(at, calendar.timeZone)
      if (day >= clock.dueDate || (clock.dueBy !== null && day >= clock.dueBy)) return { clock, effects: [] }
      return rescheduled({ ...clock, dueBy: day }, cal, 'brought-forward')
    }
  }
}

/** An open clock after its calendar's days changed (a closure added or removed, bank holidays uploaded). */
export function rescheduleClock(clock: ClockState, runsOn: WorkingCalendar | ClockCalendar): ClockOutcome {
  const cal = on(runsOn)
  checkCalendar(clock, cal.calendar)
  if (!isOpen(clock)) return { clock, effects: [] }
  return rescheduled(clock, cal, 'calendar-changed')
}
