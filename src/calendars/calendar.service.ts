import { type CalendarCache, FIRST_DATE, LAST_SUPPORTED_DATE, type WorkingCalendar } from '../calendar/index.js'
import type { ChangeContext } from '../context.js'
import type { Db } from '../db/database.js'
import type { CalendarRow } from '../db/schema.js'
import { runInTransaction } from '../db/transaction.js'
import { recordEvents } from '../events/outbox.js'
import { decodeCursor, toPage } from '../http/pagination.js'
import { conflict, invalidField, notFound, ProblemError } from '../http/problems.js'
import { assertVersion, type VersionCondition } from '../http/versioning.js'
import { rescheduleOpenClocks } from '../sla-clocks/reschedule.js'
import { closuresOf } from '../working-calendars/calendar-days.repository.js'
import { workingCalendars } from '../working-calendars/working-calendars.js'
import {
  deleteClosure,
  findCalendarById,
  findCalendarPage,
  insertCalendar,
  insertClosureIfNew,
  insertClosures,
  lockCalendarById,
  updateCalendarVersion,
} from './calendar.repository.js'
import type { CalendarCreate, CalendarListFilters, Closure } from './calendar.schemas.js'

/** Calendar ids are kebab-case, so a cursor carries one of those rather than a UUID. */
const CALENDAR_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** A calendar's working days as the app has them built, or 404. */
export async function loadWorkingCalendar(db: Db, calendars: CalendarCache, id: string): Promise<WorkingCalendar> {
  const calendar = (await workingCalendars(db, calendars, [id])).get(id)
  if (!calendar) throw notFound(`Calendar ${id}`)
  return calendar
}

/** Dates the working-day tables cover. */
export function assertCalendarDate(field: string, date: string, where = 'query'): void {
  if (date < FIRST_DATE || date > LAST_SUPPORTED_DATE) throw invalidField(field, `must be between ${FIRST_DATE} and ${LAST_SUPPORTED_DATE}`, where)
}

/** Calendars as the API returns them, their closures loaded in one query. */
export async function presentCalendars(db: Db, rows: CalendarRow[]) {
  const closures = await closuresOf(
    db,
    rows.map((r) => r.id),
  )
  return rows.map(({ division, createdByKeyId: _c, updatedByKeyId: _u, ...row }) => ({
    ...row,
    basedOn: division,
    closures: closures.filter((c) => c.calendarId === row.id).map(({ date, title }) => ({ date, title })),
  }))
}

export async function getCalendar(db: Db, id: string) {
  const row = await findCalendarById(db, id)
  if (!row) throw notFound(`Calendar ${id}`)
  return (await presentCalendars(db, [row]))[0]
}

export async function listCalendars(db: Db, query: CalendarListFilters) {
  const { limit = 50, cursor } = query
  const page = toPage(await findCalendarPage(db, { limit, after: decodeCursor(cursor, CALENDAR_ID) }), limit)
  return { items: await presentCalendars(db, page.items), nextCursor: page.nextCursor }
}

function assertClosures(closures: Closure[]) {
  const seen = new Set<string>()
  closures.forEach((c, i) => {
    assertCalendarDate(`closures[${i}].date`, c.date, 'body')
    if (seen.has(c.date)) throw invalidField(`closures[${i}].date`, 'is listed twice')
    seen.add(c.date)
  })
}

export async function createCalendar(db: Db, ctx: ChangeContext, input: CalendarCreate) {
  const closures = input.closures ?? []
  assertClosures(closures)
  if (await findCalendarById(db, input.id)) throw new ProblemError('conflict', `A calendar with id ${input.id} already exists`)
  const row = await runInTransaction(db, async (trx) => {
    const calendar = await insertCalendar(
      trx,
      { id: input.id, name: input.name, division: input.basedOn, builtIn: false, createdByKeyId: ctx.caller.keyId, updatedByKeyId: ctx.caller.keyId },
      ctx.now,
    )
    await insertClosures(trx, calendar.id, closures)
    await recordEvents(trx, ctx, [{ type: 'calendar.created', subjectType: 'calendar', subjectId: calendar.id, data: { basedOn: input.basedOn, closures } }])
    return calendar
  })
  return (await presentCalendars(db, [row]))[0]
}

type ClosureChange = { kind: 'add'; closure: Closure } | { kind: 'remove'; date: string }

/** Adds or removes a closure day: the calendar's days change, so its version does too. */
export async function changeClosure(db: Db, ctx: ChangeContext, id: string, change: ClosureChange, expectedVersion: VersionCondition) {
  if (change.kind === 'add') assertCalendarDate('date', change.closure.date, 'body')
  const row = await runInTransaction(db, async (trx) => {
    const current = await lockCalendarById(trx, id)
    if (!current) throw notFound(`Calendar ${id}`)
    if (current.builtIn) throw conflict(`${id} is a built-in calendar: create a calendar based on it (POST /calendars) to add closure days`)
    assertVersion(current.version, expectedVersion)
    if (change.kind === 'add') {
      if (!(await insertClosureIfNew(trx, id, change.closure))) throw conflict(`${change.closure.date} is already a closure day of ${id}`)
    } else if (!(await deleteClosure(trx, id, change.date))) throw notFound(`Closure ${change.date} of calendar ${id}`)
    const calendar = await updateCalendarVersion(trx, id, current.version + 1, ctx.caller.keyId, ctx.now)
    const type = change.kind === 'add' ? 'calendar.closure-added' : 'calendar.closure-removed'
    const data = change.kind === 'add' ? { ...change.closure } : { date: change.date }
    await recordEvents(trx, ctx, [{ type, subjectType: 'calendar', subjectId: id, data: { ...data, version: calendar.version } }])
    // Inside the change's transaction: the clocks move with the days, or neither does.
    await rescheduleOpenClocks(trx, ctx, [id], type)
    return calendar
  })
  return (await presentCalendars(db, [row]))[0]
}
