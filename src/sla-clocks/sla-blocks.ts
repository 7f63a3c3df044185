import type { View } from '../context.js'
import type { Db } from '../db/database.js'
import type { SlaClockRow } from '../db/schema.js'
import { type ClockView, slaBlock, viewClock } from '../sla/index.js'
import { type CalendarStamp, calendarsOfStamps, workingCalendars } from '../working-calendars/working-calendars.js'
import { toClockRow } from './clock.repository.js'
import { clocksOfSubjects } from './clock-reads.repository.js'

export type SlaBlock = ReturnType<typeof slaBlock>

/** A clock row read with its calendar's stamp (`CALENDAR_STAMP` in db/calendar-stamp.ts), so that no calendar row is read again. */
export type StampedClockRow = SlaClockRow & { calendarVersion: number; calendarDivision: CalendarStamp['division']; calendarTimeZone: string }

const isStamped = (row: SlaClockRow): row is StampedClockRow => 'calendarVersion' in row
const stampOf = (row: StampedClockRow): CalendarStamp => ({
  id: row.calendarId,
  version: row.calendarVersion,
  division: row.calendarDivision,
  timeZone: row.calendarTimeZone,
})

/** Each clock as of the view's moment, by id; clocks not yet started then are left out. */
export async function viewClocks(db: Db, rows: SlaClockRow[], view: View): Promise<Map<string, ClockView>> {
  const calendars = rows.every(isStamped)
    ? await calendarsOfStamps(db, view.calendars, rows.map(stampOf))
    : await workingCalendars(
        db,
        view.calendars,
        rows.map((r) => r.calendarId),
      )
  const views = new Map<string, ClockView>()
  for (const row of rows) {
    const calendar = calendars.get(row.calendarId)
    if (!calendar) throw new Error(`Calendar ${row.calendarId} of clock ${row.id} was not loaded`)
    const clock = toClockRow(row)
    const shown = viewClock(clock, clock, calendar, view.asOf)
    if (shown) views.set(row.id, shown)
  }
  return views
}

const byDue = (a: SlaClockRow, b: SlaClockRow) =>
  a.dueAt.getTime() - b.dueAt.getTime() || a.startedAt.getTime() - b.startedAt.getTime() || a.id.localeCompare(b.id)

/** One SLA block per key, from clock rows already read; each block's clocks ordered by due instant, then start, then id. */
export async function blocksOf(db: Db, rows: SlaClockRow[], keys: string[], keyOf: (row: SlaClockRow) => string, view: View): Promise<Map<string, SlaBlock>> {
  const views = await viewClocks(db, rows, view)
  const grouped = new Map<string, ClockView[]>(keys.map((k) => [k, []]))
  for (const row of [...rows].sort(byDue)) {
    const shown = views.get(row.id)
    if (shown) grouped.get(keyOf(row))?.push(shown)
  }
  return new Map(keys.map((k) => [k, slaBlock(view.asOf, grouped.get(k) ?? [])]))
}

/** The clocks of these subjects, with their calendars' stamps, for `blocksOfSubjects`. */
export const subjectClocks = (db: Db, subjectIds: string[]) => clocksOfSubjects(db, subjectIds)

/** One SLA block per subject, from clocks read by `subjectClocks`. */
export const blocksOfSubjects = (db: Db, rows: SlaClockRow[], subjectIds: string[], view: View) => blocksOf(db, rows, subjectIds, (r) => r.subjectId, view)

/** The SLA blocks of many subjects (a page of requests, allocations, ...), their clocks read in one query. */
export async function slaBlocksForSubjects(db: Db, subjectIds: string[], view: View): Promise<Map<string, SlaBlock>> {
  return blocksOfSubjects(db, await clocksOfSubjects(db, subjectIds), subjectIds, view)
}

/** Records as the API shows them: without the ids of the keys that wrote them, each with its SLA block (read in one query). */
export async function withSlaBlocks<R extends { id: string; createdByKeyId: unknown; updatedByKeyId: unknown }>(db: Db, rows: R[], view: View, what: string) {
  const blocks = await slaBlocksForSubjects(
    db,
    rows.map((r) => r.id),
    view,
  )
  return rows.map(({ createdByKeyId: _c, updatedByKeyId: _u, ...row }) => {
    const sla = blocks.get(row.id)
    if (!sla) throw new Error(`No SLA block for ${what} ${row.id}`)
    return { ...row, sla }
  })
}
