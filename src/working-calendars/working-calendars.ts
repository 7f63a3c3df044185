import {
  buildCalendar,
  type CalendarCache,
  type CalendarDefinition,
  type Division,
  FIRST_YEAR,
  type Holiday,
  holidaysForDivision,
  LAST_TABLE_YEAR,
  mergeOfficial,
  type WorkingCalendar,
} from '../calendar/index.js'
import type { Db } from '../db/database.js'
import type { CalendarRow } from '../db/schema.js'
import { calendarRows, closuresOf, officialHolidaysOf } from './calendar-days.repository.js'

/** A division's bank holidays: the built-in rules, replaced by uploaded official data for the years it covers. */
export async function bankHolidaysOf(db: Db, division: Division): Promise<Holiday[]> {
  const rules = holidaysForDivision(division, FIRST_YEAR, LAST_TABLE_YEAR)
  const official = await officialHolidaysOf(db, division)
  return official.length > 0 ? mergeOfficial(rules, official) : rules
}

async function definitionOf(db: Db, row: CalendarRow): Promise<CalendarDefinition> {
  const [bankHolidays, closures] = await Promise.all([bankHolidaysOf(db, row.division), closuresOf(db, [row.id])])
  const closureDays: Holiday[] = closures.map((c) => ({ date: c.date, title: c.title, kind: 'closure' }))
  return { id: row.id, timeZone: row.timeZone, holidays: [...bankHolidays, ...closureDays] }
}

/**
 * The working calendar for a calendar row at its current version, built once per version in the app's
 * cache. Inside a transaction that changes the calendar's days, pass no cache: should it roll back, its
 * version number would be used again for other days.
 */
export async function workingCalendarFor(db: Db, cache: CalendarCache | null, row: CalendarRow): Promise<WorkingCalendar> {
  if (cache === null) return buildCalendar(await definitionOf(db, row))
  return cache.get(row, () => definitionOf(db, row))
}

/** The working calendars for a set of calendar ids, their rows read in one query. */
export async function workingCalendars(
  db: Db,
  cache: CalendarCache,
  ids: Iterable<string>,
  options: { lock?: boolean } = {},
): Promise<Map<string, WorkingCalendar>> {
  const rows = await calendarRows(db, [...new Set(ids)], options.lock)
  const result = new Map<string, WorkingCalendar>()
  for (const row of rows) result.set(row.id, await workingCalendarFor(db, cache, row))
  return result
}
