import type { Db } from '../db/database.js'
import type { SlaClockRow } from '../db/schema.js'
import type { ClockRow, OpenClock } from '../sla/index.js'

export const openClocksOf = (db: Db, subjectIds: string[]) =>
  db
    .selectFrom('slaClocks')
    .selectAll()
    .where('subjectId', 'in', subjectIds)
    .where('completedAt', 'is', null)
    .where('cancelledAt', 'is', null)
    .orderBy('startedAt')
    .execute()

/** The engine's and the views' shape of a stored clock. */
export const toClockRow = (row: SlaClockRow): ClockRow & OpenClock & { dueSoonWithin: number } => ({
  id: row.id,
  standardKey: row.standardKey,
  title: row.title,
  target: { amount: row.targetAmount, unit: row.targetUnit },
  calendarId: row.calendarId,
  subjectType: row.subjectType,
  subjectId: row.subjectId,
  startedAt: row.startedAt,
  dueDate: row.dueDate,
  dueAt: row.dueAt,
  completedAt: row.completedAt,
  cancelledAt: row.cancelledAt,
  pausedAt: row.pausedAt,
  pausedWorkingDays: row.pausedWorkingDays,
  dueSoonWithin: row.dueSoonWithin,
})
