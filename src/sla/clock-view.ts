import { type IsoDate, localDate, type WorkingCalendar } from '../calendar/index.js'
import type { ClockView } from './sla-block.js'
import type { Standard } from './standard.schema.js'
import type { ClockRow } from './types.js'

const DEFAULT_DUE_SOON_WITHIN = 1

export function checkCalendar(row: Pick<ClockRow, 'id' | 'calendarId'>, calendar: WorkingCalendar): void {
  if (row.calendarId !== calendar.id) throw new RangeError(`Clock ${row.id} runs on calendar ${row.calendarId}, not ${calendar.id}`)
}

/**
 * A clock's SLA-block entry as of `asOf` (api.md, "The SLA block"); null if it had not started by then.
 * Anything after `asOf` has not happened yet. In order: closed without its work done, `missed` when
 * after `dueAt` and `cancelled` when by it (a breach is never erased); `met` when completed by `dueAt`,
 * else `met_late`; `paused`; `overdue` when open past `dueAt`; `due_soon` when at most `dueSoonWithin`
 * working days remain; else `on_track`.
 * Working days are counted on local dates (working-days.md): elapsed from the start date, remaining to
 * the due date (negative once overdue), both measured at the clock's last moment of counting: `asOf`
 * while it runs, the pause while paused, the completion or cancellation once it has stopped. Elapsed
 * leaves out the working days the clock spent paused, so for a working-day target elapsed + remaining
 * is the target.
 * Limitation: a pause that ended after `asOf` is already in the stored due date and paused total.
 */
export function viewClock(row: ClockRow, standard: Pick<Standard, 'dueSoonWithin'> | undefined, calendar: WorkingCalendar, asOf: Date): ClockView | null {
  checkCalendar(row, calendar)
  if (row.startedAt > asOf) return null
  const zone = calendar.timeZone
  const startDate = localDate(row.startedAt, zone)
  const countsAt = (instant: Date) => {
    const date: IsoDate = localDate(instant, zone)
    return {
      workingDaysElapsed: Math.max(0, calendar.workingDaysBetween(startDate, date) - row.pausedWorkingDays),
      workingDaysRemaining: calendar.workingDaysBetween(date, row.dueDate),
    }
  }
  const base = {
    id: row.id,
    standard: row.standardKey,
    title: row.title,
    target: row.target,
    calendar: row.calendarId,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    startedAt: row.startedAt,
    dueDate: row.dueDate,
    dueAt: row.dueAt,
    completedAt: null,
    closedAt: null,
    recordedAfterDue: row.recordedAt !== undefined && row.recordedAt > row.dueAt,
  }

  if (row.closedAt !== null && row.closedAt <= asOf) {
    return { ...base, closedAt: row.closedAt, status: row.closedAt > row.dueAt ? 'missed' : 'cancelled', ...countsAt(row.closedAt) }
  }
  if (row.completedAt !== null && row.completedAt <= asOf) {
    const status = row.completedAt <= row.dueAt ? 'met' : 'met_late'
    return { ...base, completedAt: row.completedAt, status, ...countsAt(row.completedAt) }
  }
  if (row.pausedAt !== null && row.pausedAt <= asOf) return { ...base, status: 'paused', ...countsAt(row.pausedAt) }

  const counts = countsAt(asOf)
  const dueSoonWithin = standard?.dueSoonWithin ?? DEFAULT_DUE_SOON_WITHIN
  const status = asOf > row.dueAt ? 'overdue' : counts.workingDaysRemaining <= dueSoonWithin ? 'due_soon' : 'on_track'
  return { ...base, status, ...counts }
}
