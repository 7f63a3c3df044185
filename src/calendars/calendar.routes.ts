import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { Db } from '../db/database.js'
import { READ_ROLES } from '../http/auth.js'
import { changeContext } from '../http/context.js'
import { errors, READ_ERRORS, WRITE_ERRORS } from '../http/responses.js'
import { expectedVersion, withETag } from '../http/versioning.js'
import { IsoDate, ref, Strict } from '../schema/helpers.js'
import { importBankHolidays } from './bank-holiday-import.service.js'
import {
  BankHolidayImportResultSchema,
  BankHolidayImportSchema,
  CalendarCreateSchema,
  CalendarIdParams,
  CalendarListQuery,
  CalendarPageSchema,
  CalendarSchema,
  ClosureSchema,
} from './calendar.schemas.js'
import { changeClosure, createCalendar, getCalendar, listCalendars } from './calendar.service.js'

export const calendarRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['Calendars']
  const adminOnly = { access: [] as const }

  app.get(
    '/calendars',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'listCalendars',
        summary: 'List calendars',
        description: 'The built-in calendars (england-and-wales, scotland, northern-ireland) and custom ones, ordered by id.',
        querystring: CalendarListQuery,
        response: { 200: ref(CalendarPageSchema), ...errors(...READ_ERRORS) },
      },
    },
    async (request) => listCalendars(db, request.query),
  )

  app.get(
    '/calendars/:id',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'getCalendar',
        summary: 'Read a calendar',
        description: 'A calendar with its closure days and version.',
        params: CalendarIdParams,
        response: { 200: ref(CalendarSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request, reply) => withETag(reply, await getCalendar(db, request.params.id)),
  )

  app.post(
    '/calendars',
    {
      config: adminOnly,
      schema: {
        tags,
        operationId: 'createCalendar',
        summary: 'Create a custom calendar',
        description:
          'A calendar based on a division’s bank holidays plus closure days (for example a council’s closure between Christmas and New Year). ' +
          'A closure day is not a working day.',
        body: ref(CalendarCreateSchema),
        response: { 201: ref(CalendarSchema), ...errors(...WRITE_ERRORS, 409, 422) },
      },
    },
    async (request, reply) => {
      const calendar = await createCalendar(db, changeContext(request), request.body)
      reply.code(201).header('location', `/calendars/${calendar.id}`)
      return withETag(reply, calendar)
    },
  )

  app.post(
    '/calendars/:id/closures',
    {
      config: adminOnly,
      schema: {
        tags,
        operationId: 'addCalendarClosure',
        summary: 'Add a closure day',
        description: 'The day stops being a working day at once; the calendar’s version changes and open SLA clocks on it are moved.',
        params: CalendarIdParams,
        body: ref(ClosureSchema),
        response: { 201: ref(CalendarSchema), ...errors(...WRITE_ERRORS, 404, 409, 412, 422) },
      },
    },
    async (request, reply) => {
      const calendar = await changeClosure(db, changeContext(request), request.params.id, { kind: 'add', closure: request.body }, expectedVersion(request))
      reply.code(201)
      return withETag(reply, calendar)
    },
  )

  app.delete(
    '/calendars/:id/closures/:date',
    {
      config: adminOnly,
      schema: {
        tags,
        operationId: 'removeCalendarClosure',
        summary: 'Remove a closure day',
        description: 'The day is a working day again (unless a weekend or bank holiday); the calendar’s version changes and open SLA clocks on it are moved.',
        params: Strict({ id: CalendarIdParams.properties.id, date: IsoDate() }),
        headers: Type.Object({ 'if-match': Type.Optional(Type.String()), 'x-acting-user': Type.Optional(Type.String()) }),
        response: { 200: ref(CalendarSchema), ...errors(...WRITE_ERRORS, 404, 409, 412, 422) },
      },
    },
    async (request, reply) =>
      withETag(
        reply,
        await changeClosure(db, changeContext(request), request.params.id, { kind: 'remove', date: request.params.date }, expectedVersion(request)),
      ),
  )

  app.post(
    '/calendars/bank-holidays',
    {
      config: adminOnly,
      bodyLimit: 2 * 1024 * 1024,
      schema: {
        tags,
        operationId: 'importBankHolidays',
        summary: 'Upload the official bank holidays',
        description:
          'Upload GOV.UK’s bank-holidays.json as published. ' +
          'It is validated and stored, and replaces the built-in rules for the years it covers, in force at once. ' +
          'One-off holidays announced after this release take effect this way. ' +
          'The answer lists the dates added and removed per division and the calendars whose version changed.',
        body: ref(BankHolidayImportSchema),
        response: { 200: ref(BankHolidayImportResultSchema), ...errors(...WRITE_ERRORS, 409, 422) },
      },
    },
    async (request) => importBankHolidays(db, changeContext(request), request.body, 'api'),
  )
}
