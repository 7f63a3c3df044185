import type { Insertable } from 'kysely'
import type { Db } from '../db/database.js'
import type { CalendarsTable } from '../db/tables/calendar.table.js'
import type { Closure } from './calendar.schemas.js'

type NewCalendar = Omit<Insertable<CalendarsTable>, 'createdAt' | 'updatedAt' | 'version'>

export const findCalendarById = (db: Db, id: string) => db.selectFrom('calendars').selectAll().where('id', '=', id).executeTakeFirst()

export const lockCalendarById = (db: Db, id: string) => db.selectFrom('calendars').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

/** A page of calendars ordered by id, with one row more than `limit` when there is a next page. */
export function findCalendarPage(db: Db, options: { limit: number; after: string | null }) {
  let query = db
    .selectFrom('calendars')
    .selectAll()
    .orderBy('id')
    .limit(options.limit + 1)
  if (options.after) query = query.where('id', '>', options.after)
  return query.execute()
}

export const insertCalendar = (db: Db, calendar: NewCalendar, now: Date) =>
  db
    .insertInto('calendars')
    .values({ ...calendar, createdAt: now, updatedAt: now })
    .returningAll()
    .executeTakeFirstOrThrow()

export async function insertClosures(db: Db, calendarId: string, closures: Closure[]): Promise<void> {
  if (closures.length === 0) return
  await db
    .insertInto('calendarClosures')
    .values(closures.map((c) => ({ calendarId, ...c })))
    .execute()
}

/** Adds a closure day; false when the calendar has that day already. */
export async function insertClosureIfNew(db: Db, calendarId: string, closure: Closure): Promise<boolean> {
  const added = await db
    .insertInto('calendarClosures')
    .values({ calendarId, ...closure })
    .onConflict((oc) => oc.doNothing())
    .returning('date')
    .executeTakeFirst()
  return added !== undefined
}

/** Removes a closure day; false when the calendar had no such day. */
export async function deleteClosure(db: Db, calendarId: string, date: string): Promise<boolean> {
  const removed = await db.deleteFrom('calendarClosures').where('calendarId', '=', calendarId).where('date', '=', date).executeTakeFirst()
  return Number(removed.numDeletedRows) > 0
}

/** The calendar's days changed: its version goes up. */
export const updateCalendarVersion = (db: Db, id: string, version: number, keyId: string | null, now: Date) =>
  db.updateTable('calendars').set({ version, updatedAt: now, updatedByKeyId: keyId }).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
