import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyReply } from 'fastify'
import type { Db } from '../db/database.js'
import { READ_ROLES } from '../http/auth.js'
import { readView } from '../http/context.js'
import { errors, READ_ERRORS } from '../http/responses.js'
import { BreachListQuery } from './breach.schemas.js'
import { BREACH_CSV_COLUMNS, listBreaches } from './breach.service.js'
import { toCsv } from './csv.js'

/** CSV when the client asks for it ahead of JSON. */
export function wantsCsv(accept: string | undefined): boolean {
  if (!accept) return false
  const csv = accept.indexOf('text/csv')
  const json = accept.indexOf('application/json')
  return csv >= 0 && (json < 0 || csv < json)
}

/** One page of breaches as CSV, the next page's cursor in `Next-Cursor`. */
export function sendBreachCsv(reply: FastifyReply, page: { items: readonly Record<string, unknown>[]; nextCursor: string | null }) {
  if (page.nextCursor) reply.header('next-cursor', page.nextCursor)
  return reply.type('text/csv; charset=utf-8').send(toCsv(BREACH_CSV_COLUMNS, page.items))
}

/**
 * The breach list as CSV, as an operation of its own: each operation then has one success media type,
 * and generated clients type `GET /breaches` as a page, with no string to rule out.
 */
export const breachCsvRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/breaches.csv',
    {
      config: { access: READ_ROLES },
      schema: {
        tags: ['Breaches'],
        operationId: 'exportBreachesCsv',
        summary: 'The breach list as CSV',
        description:
          'The rows of `GET /breaches` (the same filters, order, `asOf`, `limit` and `cursor`) as RFC 4180 CSV with a header row. ' +
          'The next page’s cursor is in the `Next-Cursor` header, absent on the last page. `GET /breaches` with `Accept: text/csv` returns the same.',
        querystring: BreachListQuery,
        response: {
          200: {
            description: 'OK',
            headers: { 'next-cursor': Type.String({ description: 'The cursor of the next page; absent on the last page' }) },
            content: { 'text/csv': { schema: Type.String({ description: `Columns: ${BREACH_CSV_COLUMNS.join(', ')}` }) } },
          },
          ...errors(...READ_ERRORS),
        },
      },
    },
    async (request, reply) => {
      const now = request.server.clock()
      const page = await listBreaches(db, request.query, readView(request, request.query.asOf), now, request.caller.teamId)
      return sendBreachCsv(reply, page)
    },
  )
}
