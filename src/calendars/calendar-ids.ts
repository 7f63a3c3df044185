import type { Db } from '../db/database.js'
import { DIVISIONS } from '../calendar/types.js'

/** Whether a calendar id names a built-in division's calendar (custom calendars come with /calendars). */
export async function calendarExists(_db: Db, id: string): Promise<boolean> {
  return (DIVISIONS as readonly string[]).includes(id)
}
