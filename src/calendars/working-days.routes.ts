import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Db } from '../db/database.js'
import { READ_ROLES } from '../http/auth.js'
import { invalidField } from '../http/problems.js'
import { errors, READ_ERRORS } from '../http/responses.js'
import { ref } from '../schema/helpers.js'
import {
  CalendarIdParams,
  ExplainQuery,
  HolidayListSchema,
  HolidaysQuery,
  WorkingDaysExplanationSchema,
  WorkingDaysQuery,
  WorkingDaysSchema,
} from './calendar.schemas.js'
import { assertCalendarDate, loadWorkingCalendar } from './calendar.service.js'

/** Longest ranges answered in one call: wider ones are almost certainly mistakes. */
const MAX_HOLIDAY_RANGE_YEARS = 50
const MAX_EXPLAIN_DAYS = 800

function assertRange(from: string, to: string, maxDays: number) {
  assertCalendarDate('from', from)
  assertCalendarDate('to', to)
  if (to < from) throw invalidField('to', 'must not be before from', 'query')
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000
  if (days > maxDays) throw invalidField('to', `must be at most ${maxDays} days after from`, 'query')
}

export const workingDayRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['Calendars']
  const config = { access: READ_ROLES }

  app.get(
    '/calendars/:id/holidays',
    {
      config,
      schema: {
        tags,
        operationId: 'listCalendarHolidays',
        summary: 'Bank holidays and closure days in a range',
        description: `Every non-working weekday from \`from\` to \`to\` inclusive, each with its kind (\`bank_holiday\` or \`closure\`). At most ${MAX_HOLIDAY_RANGE_YEARS} years per call.`,
        params: CalendarIdParams,
        querystring: HolidaysQuery,
        response: { 200: ref(HolidayListSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request) => {
      const { from, to } = request.query
      assertRange(from, to, MAX_HOLIDAY_RANGE_YEARS * 366)
      const calendar = await loadWorkingCalendar(db, request.server.calendars, request.params.id)
      return { calendar: calendar.id, from, to, items: calendar.holidaysBetween(from, to) }
    },
  )

  app.get(
    '/calendars/:id/working-days',
    {
      config,
      schema: {
        tags,
        operationId: 'getWorkingDays',
        summary: 'Count working days, or find a due date',
        description:
          'With `to`: the number of working days d with from < d <= to (negative when to is before from). With `add`: the add-th working day strictly after from, i.e. the due date of "within add working days of from" (from itself never counts). Send exactly one of them.',
        params: CalendarIdParams,
        querystring: WorkingDaysQuery,
        response: { 200: ref(WorkingDaysSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request) => {
      const { from, to, add } = request.query
      if ((to === undefined) === (add === undefined))
        throw invalidField(to === undefined ? 'to' : 'add', 'send exactly one of to (count) and add (due date)', 'query')
      assertCalendarDate('from', from)
      const calendar = await loadWorkingCalendar(db, request.server.calendars, request.params.id)
      if (to !== undefined) {
        assertCalendarDate('to', to)
        return { calendar: calendar.id, from, to, workingDays: calendar.workingDaysBetween(from, to) }
      }
      const due = calendar.addWorkingDays(from, add!)
      if (due > '2100-12-31') throw invalidField('add', 'reaches past 2100-12-31', 'query')
      return { calendar: calendar.id, from, to: due, workingDays: add! }
    },
  )

  app.get(
    '/calendars/:id/working-days/explain',
    {
      config,
      schema: {
        tags,
        operationId: 'explainWorkingDays',
        summary: 'Explain a working-day count day by day',
        description: `Each day after \`from\` up to and including \`to\`: counted, or skipped with the reason (weekend, the named bank holiday, the closure), so a due date can be checked by hand. At most ${MAX_EXPLAIN_DAYS} days per call.`,
        params: CalendarIdParams,
        querystring: ExplainQuery,
        response: { 200: ref(WorkingDaysExplanationSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request) => {
      const { from, to } = request.query
      assertRange(from, to, MAX_EXPLAIN_DAYS)
      const calendar = await loadWorkingCalendar(db, request.server.calendars, request.params.id)
      return { calendar: calendar.id, from, to, workingDays: calendar.workingDaysBetween(from, to), days: calendar.explain(from, to) }
    },
  )
}
