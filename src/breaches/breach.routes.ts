import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Db } from '../db/database.js'
import { parseAsOf } from '../http/as-of.js'
import { READ_ROLES } from '../http/auth.js'
import { readView } from '../http/context.js'
import { errors, READ_ERRORS } from '../http/responses.js'
import { ref } from '../schema/helpers.js'
import { BreachListQuery, BreachPageSchema, BreachSummaryQuery, BreachSummarySchema } from './breach.schemas.js'
import { listBreaches, summarise } from './breach.service.js'
import { BREACH_LIST_TYPES, sendBreachCsv, wantsCsv } from './breach-csv.routes.js'

export const breachRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['Breaches']

  app.get(
    '/breaches',
    {
      config: { access: READ_ROLES, produces: BREACH_LIST_TYPES },
      schema: {
        tags,
        operationId: 'listBreaches',
        summary: 'Clocks that are overdue, due soon, missed or were met late',
        description:
          'As of `asOf` (default now): every clock that is `overdue` (open, past its due instant), `due_soon` (open, ' +
          'within its standard’s due-soon working days), `missed` (closed after its due instant without its work done: ' +
          'a breach is never erased) or `met_late` (stopped after its due instant), filtered by standard, team, practitioner, family and due date, ' +
          'sorted by due instant. For CSV use `GET /breaches.csv` (the same page and cursor, with the next cursor in the `Next-Cursor` header), ' +
          'or send `Accept: text/csv`.',
        querystring: BreachListQuery,
        response: {
          // JSON only in the contract; Accept: text/csv still answers with GET /breaches.csv's body.
          200: ref(BreachPageSchema),
          ...errors(...READ_ERRORS),
        },
      },
    },
    async (request, reply) => {
      const now = request.server.clock()
      const page = await listBreaches(db, request.query, readView(request, request.query.asOf), now, request.caller.teamId)
      if (wantsCsv(request.headers.accept)) return sendBreachCsv(db, reply, page)
      return page
    },
  )

  app.get(
    '/breaches/summary',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'summariseBreaches',
        summary: 'Breach counts by standard, team, practitioner or month',
        description:
          'How many clocks are overdue, due soon, missed and were met late as of `asOf`, grouped; the same filters as /breaches. ' +
          'Grouped by month (of the due date), these are the monthly figures.',
        querystring: BreachSummaryQuery,
        response: { 200: ref(BreachSummarySchema), ...errors(...READ_ERRORS) },
      },
    },
    async (request) => {
      const now = request.server.clock()
      return summarise(db, request.query, parseAsOf(request.query.asOf, now), now, request.caller.teamId)
    },
  )
}
