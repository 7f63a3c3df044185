import type { Db } from '../db/database.js'
import { findCalendarById } from './calendar.repository.js'

/** Whether a calendar id names a built-in or custom calendar. */
export async function calendarExists(db: Db, id: string): Promise<boolean> {
  return Boolean(await findCalendarById(db, id))
}
