import type { WorkingCalendar } from '../calendar/index.js'
import { workingCalendarFor } from '../calendars/calendar-registry.js'
import type { Db } from '../db/database.js'

/** The working calendars for a set of calendar ids, their rows read in one query. */
export async function workingCalendars(db: Db, ids: Iterable<string>): Promise<Map<string, WorkingCalendar>> {
  const unique = [...new Set(ids)]
  const result = new Map<string, WorkingCalendar>()
  if (unique.length === 0) return result
  const rows = await db.selectFrom('calendars').selectAll().where('id', 'in', unique).execute()
  for (const row of rows) result.set(row.id, await workingCalendarFor(db, row))
  return result
}
