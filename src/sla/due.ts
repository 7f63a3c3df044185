import { addCalendarUnits, endOfLocalDay, type IsoDate, localDate, type WorkingCalendar } from '../calendar/index.js'
import type { StandardTarget } from './standard.schema.js'

export interface Due {
  dueDate: IsoDate
  dueAt: Date
}

const HOUR_MS = 3_600_000

function unpausedDue(target: StandardTarget, startedAt: Date, calendar: WorkingCalendar, dueBy: IsoDate | null): Due {
  const zone = calendar.timeZone
  const startDate = localDate(startedAt, zone)
  switch (target.unit) {
    case 'working_days': {
      // "Within N working days of S": the Nth working day strictly after S; S never counts (working-days.md).
      const dueDate = calendar.addWorkingDays(startDate, target.amount)
      return { dueDate, dueAt: endOfLocalDay(dueDate, zone) }
    }
    case 'calendar_days':
    case 'weeks':
    case 'months': {
      // Calendar arithmetic on the local date; a month from 31 January is the last day of February.
      const dueDate = addCalendarUnits(startDate, target.amount, target.unit)
      return { dueDate, dueAt: endOfLocalDay(dueDate, zone) }
    }
    case 'hours': {
      const dueAt = new Date(startedAt.getTime() + target.amount * HOUR_MS)
      return { dueDate: localDate(dueAt, zone), dueAt }
    }
    case 'same_day':
      return { dueDate: startDate, dueAt: endOfLocalDay(startDate, zone) }
    case 'date_given': {
      // Due on the date the starting event names (e.g. consent extended until), never before the start.
      if (dueBy === null) throw new TypeError('A date_given target needs the date its starting event names')
      const dueDate = dueBy < startDate ? startDate : dueBy
      return { dueDate, dueAt: endOfLocalDay(dueDate, zone) }
    }
    default:
      throw new TypeError(`Unknown target unit: ${String((target as StandardTarget).unit)}`)
  }
}

/**
 * When a clock started at `startedAt` is due (working-days.md, "Counting"). Working days spent paused
 * move the due date later by as many working days, due at the end of that day ("Pausing"; 003).
 * `dueBy` is a date the due date may not pass: the date a `date_given` target names, or the day an event
 * brought the due date forward to (the final audit is due when the intervention ends, if that is first).
 * A fixed date is not moved by a pause.
 */
export function computeDue(target: StandardTarget, startedAt: Date, calendar: WorkingCalendar, pausedWorkingDays = 0, dueBy: IsoDate | null = null): Due {
  let due = unpausedDue(target, startedAt, calendar, dueBy)
  if (pausedWorkingDays > 0 && target.unit !== 'date_given') {
    const dueDate = calendar.addWorkingDays(due.dueDate, pausedWorkingDays)
    due = { dueDate, dueAt: endOfLocalDay(dueDate, calendar.timeZone) }
  }
  if (dueBy !== null && dueBy < due.dueDate) {
    const dueDate = dueBy < localDate(startedAt, calendar.timeZone) ? localDate(startedAt, calendar.timeZone) : dueBy
    due = { dueDate, dueAt: endOfLocalDay(dueDate, calendar.timeZone) }
  }
  return due
}

/**
 * When an open clock becomes `due_soon` (see viewClock): the earliest local date from which at most
 * `dueSoonWithin` working days remain to the due date, i.e. the (dueSoonWithin + 1)-th working day at or
 * before it, and the start of that day. Stored beside `dueAt`, "due soon as of T" is a range scan too.
 * O(1): counts from a reference date far enough back, widened only past very long closures.
 */
export function dueSoonFrom(dueDate: IsoDate, dueSoonWithin: number, calendar: WorkingCalendar): { date: IsoDate; at: Date } {
  let span = 7 * (dueSoonWithin + 2) + 31
  for (;;) {
    const reference = addCalendarUnits(dueDate, -span, 'calendar_days')
    const nth = calendar.workingDaysBetween(reference, dueDate) - dueSoonWithin
    if (nth >= 1) {
      const date = calendar.addWorkingDays(reference, nth)
      const dayBefore = addCalendarUnits(date, -1, 'calendar_days')
      return { date, at: new Date(endOfLocalDay(dayBefore, calendar.timeZone).getTime() + 1) }
    }
    span *= 2
  }
}
