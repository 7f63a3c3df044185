import type { CalendarCache } from '../calendar/index.js'
import type { Db } from '../db/database.js'
import { invalidField } from '../http/problems.js'
import type { ExplainFilters, HolidaysFilters, WorkingDaysFilters } from './calendar.schemas.js'
import { assertCalendarDate, loadWorkingCalendar } from './calendar.service.js'

/** Longest ranges answered in one call: wider ones are almost certainly mistakes. */
export const MAX_HOLIDAY_RANGE_YEARS = 50
export const MAX_EXPLAIN_DAYS = 800

function assertRange(from: string, to: string, maxDays: number) {
  assertCalendarDate('from', from)
  assertCalendarDate('to', to)
  if (to < from) throw invalidField('to', 'must not be before from', 'query')
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000
  if (days > maxDays) throw invalidField('to', `must be at most ${maxDays} days after from`, 'query')
}

/** Every non-working weekday of a range, bank holiday or closure. */
export async function holidaysBetween(db: Db, calendars: CalendarCache, id: string, { from, to }: HolidaysFilters) {
  assertRange(from, to, MAX_HOLIDAY_RANGE_YEARS * 366)
  const calendar = await loadWorkingCalendar(db, calendars, id)
  return { calendar: calendar.id, from, to, items: calendar.holidaysBetween(from, to) }
}

/** With `to`, the working days from `from` to it; with `add`, the add-th working day after `from`. Exactly one of them. */
export async function countOrAddWorkingDays(db: Db, calendars: CalendarCache, id: string, { from, to, add }: WorkingDaysFilters) {
  const ask =
    to !== undefined && add === undefined ? { kind: 'count' as const, to } : add !== undefined && to === undefined ? { kind: 'add' as const, add } : null
  if (!ask) throw invalidField(to === undefined ? 'to' : 'add', 'send exactly one of to (count) and add (due date)', 'query')
  assertCalendarDate('from', from)
  const calendar = await loadWorkingCalendar(db, calendars, id)
  if (ask.kind === 'count') {
    assertCalendarDate('to', ask.to)
    return { calendar: calendar.id, from, to: ask.to, workingDays: calendar.workingDaysBetween(from, ask.to) }
  }
  const due = calendar.addWorkingDays(from, ask.add)
  if (due > '2100-12-31') throw invalidField('add', 'reaches past 2100-12-31', 'query')
  return { calendar: calendar.id, from, to: due, workingDays: ask.add }
}

/** A working-day count day by day: each day counted, or skipped with its reason. */
export async function explainWorkingDays(db: Db, calendars: CalendarCache, id: string, { from, to }: ExplainFilters) {
  assertRange(from, to, MAX_EXPLAIN_DAYS)
  const calendar = await loadWorkingCalendar(db, calendars, id)
  return { calendar: calendar.id, from, to, workingDays: calendar.workingDaysBetween(from, to), days: calendar.explain(from, to) }
}
