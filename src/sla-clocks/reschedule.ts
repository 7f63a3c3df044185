import type { Transaction } from 'kysely'
import type { ChangeContext } from '../context.js'
import type { Database } from '../db/schema.js'
import { recordEvents } from '../events/outbox.js'
import { rescheduleClock } from '../sla/index.js'
import { workingCalendarFor } from '../working-calendars/working-calendars.js'
import { lockOpenClocksOnCalendar, toClockState } from './clock.repository.js'
import { writeRescheduledDues } from './clock-schedule.repository.js'
import { findCalendarsByIds } from './clock-setup.repository.js'

const BATCH = 2000

/**
 * After a calendar's days change (a closure added or removed, new official bank holidays), every open
 * clock on it gets the due date the new days give, and each one whose due date moved is an event.
 * Stopped clocks keep the verdict they had. Runs inside the change's transaction, which holds the
 * calendar rows locked for update; the clocks are locked in id order, as every writer of clocks does.
 * Returns how many clocks moved.
 */
export async function rescheduleOpenClocks(trx: Transaction<Database>, ctx: ChangeContext, calendarIds: string[], reason: string): Promise<number> {
  let moved = 0
  for (const calendarRow of await findCalendarsByIds(trx, calendarIds)) {
    const calendar = await workingCalendarFor(trx, null, calendarRow)
    let after: string | null = null
    for (;;) {
      const rows = await lockOpenClocksOnCalendar(trx, calendarRow.id, after, BATCH)
      if (rows.length === 0) break
      after = rows[rows.length - 1].id
      const changes = rows
        .map((row) => ({ row, next: rescheduleClock(toClockState(row), calendar) }))
        .filter(({ row, next }) => next.clock.dueAt.getTime() !== row.dueAt.getTime() || next.clock.dueSoonAt.getTime() !== row.dueSoonAt.getTime())
      if (changes.length === 0) continue
      await writeRescheduledDues(
        trx,
        changes.map(({ row, next }) => ({ id: row.id, dueDate: next.clock.dueDate, dueAt: next.clock.dueAt, dueSoonAt: next.clock.dueSoonAt })),
        ctx.now,
      )
      const datesMoved = changes.flatMap(({ next }) => next.effects.flatMap((e) => (e.kind === 'due-date-moved' ? [{ clock: next.clock, move: e }] : [])))
      await recordEvents(
        trx,
        ctx,
        datesMoved.map(({ clock, move }) => ({
          type: 'sla-clock.due-date-moved',
          subjectType: 'sla_clock',
          subjectId: clock.id,
          familyId: clock.familyId,
          teamId: clock.teamId,
          data: { reason, calendar: calendarRow.id, calendarVersion: calendarRow.version, standard: clock.standardKey, from: move.from, to: move.to },
        })),
      )
      moved += datesMoved.length
    }
  }
  return moved
}
