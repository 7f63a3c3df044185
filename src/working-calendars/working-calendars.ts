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

/** What identifies a calendar's days: the row's id, division and time zone, and its version for the cache. */
export type CalendarStamp = Pick<CalendarRow, 'id' | 'version' | 'division' | 'timeZone'>

async function definitionOf(db: Db, row: Omit<CalendarStamp, 'version'>): Promise<CalendarDefinition> {
  const [bankHolidays, closures] = await Promise.all([bankHolidaysOf(db, row.division), closuresOf(db, [row.id])])
  const closureDays: Holiday[] = closures.map((c) => ({ date: c.date, title: c.title, kind: 'closure' }))
  return { id: row.id, timeZone: row.timeZone, holidays: [...bankHolidays, ...closureDays] }
}

/**
 * The working calendar for a calendar row at its current version, built once per version in the app's
 * cache. Inside a transaction that changes the calendar's days, pass no cache: should it roll back, its
 * version number would be used again for other days.
 */
export async function workingCalendarFor(db: Db, cache: CalendarCache | null, row: CalendarStamp): Promise<WorkingCalendar> {
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
  return calendarsOfStamps(db, cache, await calendarRows(db, [...new Set(ids)], options.lock))
}

/**
 * The working calendars of stamps read with the records that use them (e.g. joined to clock rows), so
 * no calendar row is read again: a cached version costs nothing, a new one reads its days once.
 */
export async function calendarsOfStamps(db: Db, cache: CalendarCache, stamps: Iterable<CalendarStamp>): Promise<Map<string, WorkingCalendar>> {
  const result = new Map<string, WorkingCalendar>()
  for (const stamp of stamps) if (!result.has(stamp.id)) result.set(stamp.id, await workingCalendarFor(db, cache, stamp))
  return result
}
