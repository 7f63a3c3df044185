import type { Db } from '../db/database.js'

/** Calendar rows by id, each with a key-share lock when `lock` (held by a change that computes clocks by them). */
export function calendarRows(db: Db, ids: string[], lock = false) {
  if (ids.length === 0) return Promise.resolve([])
  const query = db.selectFrom('calendars').selectAll().where('id', 'in', ids).orderBy('id')
  return (lock ? query.forKeyShare() : query).execute()
}

export const closuresOf = (db: Db, calendarIds: string[]) =>
  calendarIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('calendarClosures').selectAll().where('calendarId', 'in', calendarIds).orderBy('calendarId').orderBy('date').execute()

export const officialHolidaysOf = (db: Db, division: string) =>
  db.selectFrom('officialBankHolidays').select(['date', 'title']).where('division', '=', division).orderBy('date').execute()
