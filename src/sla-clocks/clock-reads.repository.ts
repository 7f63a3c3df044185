import { CALENDAR_STAMP } from '../db/calendar-stamp.js'
import { compiledOnceByIds, type IdsOperand } from '../db/compiled-once.js'
import type { Db } from '../db/database.js'
import type { SlaClockListFilters } from './sla-clock.schemas.js'

export const findClockById = (db: Db, id: string) => db.selectFrom('slaClocks').selectAll().where('id', '=', id).executeTakeFirst()

export const pausesOf = (db: Db, clockId: string) =>
  db.selectFrom('slaClockPauses').select(['pausedAt', 'resumedAt', 'workingDays']).where('clockId', '=', clockId).orderBy('pausedAt').execute()

/** Every clock of these subjects, open or stopped, with its calendar's stamp. */
export const subjectClocksQuery = (db: Db, subjectIds: IdsOperand) =>
  db
    .selectFrom('slaClocks')
    .innerJoin('calendars', 'calendars.id', 'slaClocks.calendarId')
    .selectAll('slaClocks')
    .select(CALENDAR_STAMP)
    .where((eb) => eb('slaClocks.subjectId', '=', subjectIds))

export const clocksOfSubjects = compiledOnceByIds(0, subjectClocksQuery)

/** A page of clocks in id order after `after`; `late` is a clock stopped after its due instant. */
export function listClockRows(
  db: Db,
  filters: Omit<SlaClockListFilters, 'limit' | 'cursor' | 'asOf'> & { after: string | null; limit: number; onlyTeamId: string | null },
) {
  const { after, limit, onlyTeamId, subjectId, familyId, teamId, practitionerId, standard, late, lateReasonMissing } = filters
  let q = db.selectFrom('slaClocks').selectAll().orderBy('id').limit(limit)
  if (after) q = q.where('id', '>', after)
  if (onlyTeamId) q = q.where('teamId', '=', onlyTeamId)
  if (teamId) q = q.where('teamId', '=', teamId)
  if (subjectId) q = q.where('subjectId', '=', subjectId)
  if (familyId) q = q.where('familyId', '=', familyId)
  if (practitionerId) q = q.where('practitionerId', '=', practitionerId)
  if (standard) q = q.where('standardKey', '=', standard)
  if (late) q = q.where((eb) => eb('completedAt', '>', eb.ref('dueAt')))
  if (late && lateReasonMissing) q = q.where('lateReason', 'is', null)
  return q.execute()
}
