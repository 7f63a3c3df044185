import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Db } from '../db/database.js'
import { READ_ROLES } from '../http/auth.js'
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
import { countOrAddWorkingDays, explainWorkingDays, holidaysBetween, MAX_EXPLAIN_DAYS, MAX_HOLIDAY_RANGE_YEARS } from './working-days.service.js'

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
        description:
          'Every non-working weekday from `from` to `to` inclusive, each with its kind (`bank_holiday` or `closure`). ' +
          `At most ${MAX_HOLIDAY_RANGE_YEARS} years per call.`,
        params: CalendarIdParams,
        querystring: HolidaysQuery,
        response: { 200: ref(HolidayListSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request) => holidaysBetween(db, request.server.calendars, request.params.id, request.query),
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
          'With `to`: the number of working days d with from < d <= to (negative when to is before from). ' +
          'With `add`: the add-th working day strictly after from, i.e. the due date of "within add working days of from" (from itself never counts). ' +
          'Send exactly one of them.',
        params: CalendarIdParams,
        querystring: WorkingDaysQuery,
        response: { 200: ref(WorkingDaysSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request) => countOrAddWorkingDays(db, request.server.calendars, request.params.id, request.query),
  )

  app.get(
    '/calendars/:id/working-days/explain',
    {
      config,
      schema: {
        tags,
        operationId: 'explainWorkingDays',
        summary: 'Explain a working-day count day by day',
        description:
          'Each day after `from` up to and including `to`: ' +
          'counted, or skipped with the reason (weekend, the named bank holiday, the closure), so a due date can be checked by hand. ' +
          `At most ${MAX_EXPLAIN_DAYS} days per call.`,
        params: CalendarIdParams,
        querystring: ExplainQuery,
        response: { 200: ref(WorkingDaysExplanationSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request) => explainWorkingDays(db, request.server.calendars, request.params.id, request.query),
  )
}
