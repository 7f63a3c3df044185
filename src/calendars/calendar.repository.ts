import type { Db } from '../db/database.js'

export const findCalendarById = (db: Db, id: string) => db.selectFrom('calendars').selectAll().where('id', '=', id).executeTakeFirst()

export const lockCalendarById = (db: Db, id: string) => db.selectFrom('calendars').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

export function listCalendars(db: Db, options: { limit: number; after: string | null }) {
  let query = db
    .selectFrom('calendars')
    .selectAll()
    .orderBy('id')
    .limit(options.limit + 1)
  if (options.after) query = query.where('id', '>', options.after)
  return query.execute()
}
