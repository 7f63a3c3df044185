import type { Transaction } from 'kysely'
import type { Database, SlaClockRow } from '../db/schema.js'
import type { ClockRow, ClockState } from '../sla/index.js'

type Trx = Transaction<Database>

/** A stored clock as the pure engine keeps it. */
export const toClockState = (row: SlaClockRow): ClockState => ({
  id: row.id,
  standardKey: row.standardKey,
  presetId: row.presetId,
  title: row.title,
  target: { amount: row.targetAmount, unit: row.targetUnit },
  dueSoonWithin: row.dueSoonWithin,
  onBreach: row.onBreach,
  subjectType: row.subjectType,
  subjectId: row.subjectId,
  familyId: row.familyId,
  teamId: row.teamId,
  practitionerId: row.practitionerId,
  serviceRequestId: row.serviceRequestId,
  calendarId: row.calendarId,
  startedAt: row.startedAt,
  dueBy: row.dueBy,
  dueDate: row.dueDate,
  dueAt: row.dueAt,
  dueSoonAt: row.dueSoonAt,
  completedAt: row.completedAt,
  closedAt: row.closedAt,
  pausedAt: row.pausedAt,
  pausedWorkingDays: row.pausedWorkingDays,
})

/** The views' shape of a stored clock: its state and when the service learnt of it. */
export const toClockRow = (row: SlaClockRow): ClockRow & { dueSoonWithin: number } => ({ ...toClockState(row), recordedAt: row.createdAt })

/** The columns a clock's state is stored in. */
const columnsOf = (c: ClockState) => ({
  standardKey: c.standardKey,
  presetId: c.presetId,
  title: c.title,
  targetAmount: c.target.amount,
  targetUnit: c.target.unit,
  dueSoonWithin: c.dueSoonWithin,
  onBreach: c.onBreach,
  subjectType: c.subjectType,
  subjectId: c.subjectId,
  familyId: c.familyId,
  teamId: c.teamId,
  practitionerId: c.practitionerId,
  serviceRequestId: c.serviceRequestId,
  calendarId: c.calendarId,
  startedAt: c.startedAt,
  dueBy: c.dueBy,
  dueDate: c.dueDate,
  dueAt: c.dueAt,
  dueSoonAt: c.dueSoonAt,
  completedAt: c.completedAt,
  closedAt: c.closedAt,
  pausedAt: c.pausedAt,
  pausedWorkingDays: c.pausedWorkingDays,
})

/**
 * The open clocks of these subjects, locked for the change in id order (the lock order every writer of
 * clocks keeps, so two changes never wait on each other in a circle).
 */
export const lockOpenClocksOf = (trx: Trx, subjectIds: string[]) =>
  subjectIds.length === 0
    ? Promise.resolve([])
    : trx
        .selectFrom('slaClocks')
        .selectAll()
        .where('subjectId', 'in', subjectIds)
        .where('completedAt', 'is', null)
        .where('closedAt', 'is', null)
        .orderBy('id')
        .forUpdate()
        .execute()

/** The open clocks on calendars, a batch at a time after `afterId`, locked in id order. */
export function lockOpenClocksOnCalendar(trx: Trx, calendarId: string, afterId: string | null, limit: number) {
  let query = trx
    .selectFrom('slaClocks')
    .selectAll()
    .where('calendarId', '=', calendarId)
    .where('completedAt', 'is', null)
    .where('closedAt', 'is', null)
    .orderBy('id')
    .limit(limit)
    .forUpdate()
  if (afterId) query = query.where('id', '>', afterId)
  return query.execute()
}

export async function insertClock(trx: Trx, clock: ClockState, now: Date): Promise<void> {
  await trx
    .insertInto('slaClocks')
    .values({ id: clock.id, ...columnsOf(clock), scheduledAt: now, createdAt: now, updatedAt: now })
    .execute()
}

/**
 * Writes a clock's new state over the one read, guarded by its version and by its being open: a verdict,
 * once given, is never overwritten. Moving the due date also resets the overdue announcement when the new
 * due instant is still ahead, and records when the due instant was set.
 */
export async function updateClock(
  trx: Trx,
  before: SlaClockRow,
  after: ClockState,
  now: Date,
  extra: { breachActionedAt?: Date; lateReason?: string } = {},
): Promise<SlaClockRow> {
  const dueChanged = after.dueAt.getTime() !== before.dueAt.getTime()
  const updated = await trx
    .updateTable('slaClocks')
    .set({
      ...columnsOf(after),
      ...extra,
      version: before.version + 1,
      updatedAt: now,
      ...(dueChanged ? { scheduledAt: now, ...(after.dueAt > now ? { overdueAnnouncedAt: null } : {}) } : {}),
    })
    .where('id', '=', before.id)
    .where('version', '=', before.version)
    .where('completedAt', 'is', null)
    .where('closedAt', 'is', null)
    .returningAll()
    .executeTakeFirst()
  if (!updated) throw new Error(`Clock ${before.id} changed under a change that held its lock`)
  return updated
}

export async function openPause(trx: Trx, clockId: string, pausedAt: Date): Promise<void> {
  await trx.insertInto('slaClockPauses').values({ clockId, pausedAt }).execute()
}

export async function closePause(trx: Trx, clockId: string, resumedAt: Date, workingDays: number): Promise<void> {
  await trx.updateTable('slaClockPauses').set({ resumedAt, workingDays }).where('clockId', '=', clockId).where('resumedAt', 'is', null).execute()
}

export const lockClockById = (trx: Trx, id: string) => trx.selectFrom('slaClocks').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

/** A late reason on a clock the change holds locked; its version moves on. */
export async function setLateReason(trx: Trx, before: SlaClockRow, lateReason: string, now: Date): Promise<void> {
  await trx
    .updateTable('slaClocks')
    .set({ lateReason, version: before.version + 1, updatedAt: now })
    .where('id', '=', before.id)
    .execute()
}
