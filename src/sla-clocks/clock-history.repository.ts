import type { Db } from '../db/database.js'

/** Up to `limit` events of the outbox after id `afterId`, in id order, with what the SLA engine replays. */
export const eventsAfter = (db: Db, afterId: number, limit: number) =>
  db
    .selectFrom('events')
    .select([
      'id',
      'type',
      'subjectType',
      'subjectId',
      'familyId',
      'teamId',
      'occurredAt',
      'data',
      'parentSubjects',
      'practitionerId',
      'serviceRequestId',
      'until',
    ])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute()

/** Up to `limit` clocks after id `afterId` (all when null), in id order: what identifies each in the log. */
export function clockKeysAfter(db: Db, afterId: string | null, limit: number) {
  let query = db.selectFrom('slaClocks').select(['id', 'subjectId', 'standardKey', 'startedAt']).orderBy('id').limit(limit)
  if (afterId) query = query.where('id', '>', afterId)
  return query.execute()
}

/** Up to `limit` whole clocks after id `afterId` (all when null), in id order. */
export function clocksAfter(db: Db, afterId: string | null, limit: number) {
  let query = db.selectFrom('slaClocks').selectAll().orderBy('id').limit(limit)
  if (afterId) query = query.where('id', '>', afterId)
  return query.execute()
}

export const allCalendars = (db: Db) => db.selectFrom('calendars').select(['id', 'division', 'timeZone']).execute()

/** Every team's calendar and preset as they are now. */
export const allTeams = (db: Db) => db.selectFrom('teams').select(['id', 'calendarId', 'standardsPreset']).execute()

/** Every pause of every clock, by clock and then in the order they began. */
export const allPauses = (db: Db) => db.selectFrom('slaClockPauses').selectAll().orderBy('clockId').orderBy('pausedAt').execute()
