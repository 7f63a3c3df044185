import {
  FIRST_YEAR,
  LAST_TABLE_YEAR,
  buildCalendar,
  holidaysForDivision,
  mergeOfficial,
  type Division,
  type Holiday,
  type WorkingCalendar,
} from '../calendar/index.js'
import type { Db } from '../db/database.js'
import type { CalendarRow } from '../db/schema.js'
import { notFound } from '../http/problems.js'
import { closuresOf, findCalendarById, officialHolidaysOf } from './calendar.repository.js'

/** Built tables, keyed by calendar id and version: a new version (changed days) builds a new table. */
const MAX_CACHED = 64
const cache = new Map<string, WorkingCalendar>()

/** A division's bank holidays: the built-in rules, replaced by uploaded official data for the years it covers. */
export async function bankHolidaysOf(db: Db, division: Division): Promise<Holiday[]> {
  const rules = holidaysForDivision(division, FIRST_YEAR, LAST_TABLE_YEAR)
  const official = await officialHolidaysOf(db, division)
  return official.length > 0 ? mergeOfficial(rules, official) : rules
}

async function build(db: Db, row: CalendarRow): Promise<WorkingCalendar> {
  const [bankHolidays, closures] = await Promise.all([bankHolidaysOf(db, row.division), closuresOf(db, [row.id])])
  const closureDays: Holiday[] = closures.map((c) => ({ date: c.date, title: c.title, kind: 'closure' }))
  return buildCalendar({ id: row.id, timeZone: row.timeZone, holidays: [...bankHolidays, ...closureDays] })
}

/**
 * The working calendar for a calendar row at its current version, built once per version. Inside a
 * transaction that changes the calendar, pass `cache: false`: should it roll back, its version number
 * would be used again for other days.
 */
export async function workingCalendarFor(db: Db, row: CalendarRow, options: { cache?: boolean } = {}): Promise<WorkingCalendar> {
  if (options.cache === false) return build(db, row)
  const key = `${row.id}@${row.version}`
  let calendar = cache.get(key)
  if (!calendar) {
    calendar = await build(db, row)
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!)
    cache.set(key, calendar)
  }
  return calendar
}

export async function loadWorkingCalendar(db: Db, id: string): Promise<{ row: CalendarRow; calendar: WorkingCalendar }> {
  const row = await findCalendarById(db, id)
  if (!row) throw notFound(`Calendar ${id}`)
  return { row, calendar: await workingCalendarFor(db, row) }
}
