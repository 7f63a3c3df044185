import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { Db } from '../db/database.js'
import { parseAsOf } from '../http/as-of.js'
import { READ_ROLES } from '../http/auth.js'
import { READ_ERRORS, errors } from '../http/responses.js'
import { ref } from '../http/schema-helpers.js'
import { BreachListQuery, BreachPageSchema, BreachSummaryQuery, BreachSummarySchema } from './breach.schemas.js'
import { BREACH_CSV_COLUMNS, listBreaches, summarise } from './breach.service.js'
import { toCsv } from './csv.js'

/** CSV when the client asks for it ahead of JSON. */
function wantsCsv(accept: string | undefined): boolean {
  if (!accept) return false
  const csv = accept.indexOf('text/csv')
  const json = accept.indexOf('application/json')
  return csv >= 0 && (json < 0 || csv < json)
}

export const breachRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['Breaches']

  app.get('/breaches', {
    config: { access: READ_ROLES },
    schema: {
      tags, operationId: 'listBreaches', summary: 'Clocks that are overdue, due soon, missed or were met late',
      description: 'As of `asOf` (default now): every clock that is `overdue` (open, past its due instant), `due_soon` (open, within its standard’s due-soon working days), `missed` (closed after its due instant without its work done: a breach is never erased) or `met_late` (stopped after its due instant), filtered by standard, team, practitioner, family and due date, sorted by due instant. Send `Accept: text/csv` for CSV (the same page and cursor, with the next cursor in the `Next-Cursor` header).',
      querystring: BreachListQuery,
      response: {
        200: {
          description: 'OK',
          content: {
            'application/json': { schema: ref(BreachPageSchema) },
            'text/csv': { schema: Type.String({ description: `Columns: ${BREACH_CSV_COLUMNS.join(', ')}` }) },
          },
        },
        ...errors(...READ_ERRORS),
      },
    },
  }, async (request, reply) => {
    const now = request.server.clock()
    const page = await listBreaches(db, request.query, parseAsOf(request.query.asOf, now), now, request.caller.teamId)
    if (wantsCsv(request.headers.accept)) {
      if (page.nextCursor) reply.header('next-cursor', page.nextCursor)
      return reply.type('text/csv; charset=utf-8').send(toCsv(BREACH_CSV_COLUMNS, page.items as unknown as Record<string, unknown>[]))
    }
    return page
  })

  app.get('/breaches/summary', {
    config: { access: READ_ROLES },
    schema: {
      tags, operationId: 'summariseBreaches', summary: 'Breach counts by standard, team, practitioner or month',
      description: 'How many clocks are overdue, due soon, missed and were met late as of `asOf`, grouped; the same filters as /breaches. Grouped by month (of the due date), these are the monthly figures.',
      querystring: BreachSummaryQuery, response: { 200: ref(BreachSummarySchema), ...errors(...READ_ERRORS) },
    },
  }, async (request) => {
    const now = request.server.clock()
    return summarise(db, request.query, parseAsOf(request.query.asOf, now), now, request.caller.teamId)
  })
}
