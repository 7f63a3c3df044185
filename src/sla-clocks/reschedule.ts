import { sql, type Transaction } from 'kysely'
import { workingCalendarFor } from '../calendars/calendar-registry.js'
import type { Database } from '../db/schema.js'
import { recordEvents } from '../events/outbox.js'
import type { ChangeContext } from '../http/context.js'
import { scheduleFor } from './record-and-apply.js'

const BATCH = 2000

/**
 * After a calendar's days change (a closure added or removed, new official bank holidays), every open
 * clock on it gets the due date the new days give, and each one moved is an event. Stopped clocks keep
 * the verdict they had. Runs inside the change's transaction. Returns how many clocks moved.
 */
export async function rescheduleOpenClocks(trx: Transaction<Database>, ctx: ChangeContext, calendarIds: string[], reason: string): Promise<number> {
  let moved = 0
  for (const calendarRow of await trx.selectFrom('calendars').selectAll().where('id', 'in', calendarIds.length ? calendarIds : ['-']).execute()) {
    const calendar = await workingCalendarFor(trx, calendarRow, { cache: false })
    let after: string | null = null
    for (;;) {
      let query = trx.selectFrom('slaClocks').selectAll()
        .where('calendarId', '=', calendarRow.id).where('completedAt', 'is', null).where('cancelledAt', 'is', null)
        .orderBy('id').limit(BATCH)
      if (after) query = query.where('id', '>', after)
      const clocks = await query.execute()
      if (clocks.length === 0) break
      after = clocks[clocks.length - 1].id
      const changes = clocks
        .map((c) => ({ clock: c, next: scheduleFor({ amount: c.targetAmount, unit: c.targetUnit }, c.startedAt, c.pausedWorkingDays, c.dueSoonWithin, calendar) }))
        .filter(({ clock, next }) => next.dueAt.getTime() !== clock.dueAt.getTime() || next.dueSoonAt.getTime() !== clock.dueSoonAt.getTime())
      if (changes.length === 0) continue
      const values = sql.join(changes.map(({ clock, next }) => sql`(${clock.id}::uuid, ${next.dueDate}::date, ${next.dueAt}::timestamptz, ${next.dueSoonAt}::timestamptz)`))
      await sql`
        UPDATE sla_clocks SET due_date = v.due_date, due_at = v.due_at, due_soon_at = v.due_soon_at, version = version + 1, updated_at = ${ctx.now},
          -- A clock moved back into the future is announced again when it next becomes overdue.
          overdue_announced_at = CASE WHEN v.due_at > ${ctx.now} THEN NULL ELSE sla_clocks.overdue_announced_at END
        FROM (VALUES ${values}) AS v(id, due_date, due_at, due_soon_at) WHERE sla_clocks.id = v.id`.execute(trx)
      const datesMoved = changes.filter(({ clock, next }) => next.dueDate !== clock.dueDate)
      await recordEvents(trx, ctx, datesMoved.map(({ clock, next }) => ({
        type: 'sla-clock.due-date-moved', subjectType: 'sla_clock', subjectId: clock.id, familyId: clock.familyId, teamId: clock.teamId,
        data: { reason, calendar: calendarRow.id, calendarVersion: calendarRow.version, standard: clock.standardKey, from: clock.dueDate, to: next.dueDate },
      })))
      moved += datesMoved.length
    }
  }
  return moved
}
