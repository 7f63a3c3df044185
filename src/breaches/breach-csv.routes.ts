import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyReply } from 'fastify'
import type { Db } from '../db/database.js'
import { READ_ROLES } from '../http/auth.js'
import { preferredType } from '../http/content-negotiation.js'
import { readView } from '../http/context.js'
import { errors, READ_ERRORS } from '../http/responses.js'
import { BreachListQuery } from './breach.schemas.js'
import { listBreaches } from './breach.service.js'
import { BREACH_CSV_COLUMNS, withNames } from './breach-csv.js'
import { csvHeaders, toCsv } from './csv.js'

/** CSV when the client prefers it to JSON (JSON when both are as good, or no Accept is sent). */
export const wantsCsv = (accept: string | undefined): boolean => accept !== undefined && preferredType(accept, BREACH_LIST_TYPES) === 'text/csv'

/** What `GET /breaches` answers with: its page as JSON, or the same rows as CSV. */
export const BREACH_LIST_TYPES = ['application/json', 'text/csv'] as const

type BreachPage = Awaited<ReturnType<typeof listBreaches>>

/** One page of breaches as CSV with references and names beside the ids, the next page's cursor in `Next-Cursor`. */
export async function sendBreachCsv(db: Db, reply: FastifyReply, page: BreachPage) {
  if (page.nextCursor) reply.header('next-cursor', page.nextCursor)
  return reply.type('text/csv; charset=utf-8').send(toCsv(BREACH_CSV_COLUMNS, await withNames(db, page.items)))
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
          'The rows of `GET /breaches` (the same filters, order, `asOf`, `limit` and `cursor`) as RFC 4180 CSV for spreadsheets: ' +
          'a UTF-8 byte-order mark, a header row in words, the family reference and the team’s and practitioner’s names beside their ids, ' +
          "instants in UTC, and text cells beginning with `=`, `+`, `-` or `@` prefixed with `'` so they are never read as formulas. " +
          'The next page’s cursor is in the `Next-Cursor` header, absent on the last page. `GET /breaches` with `Accept: text/csv` returns the same.',
        querystring: BreachListQuery,
        response: {
          200: {
            description: 'OK',
            headers: { 'next-cursor': Type.String({ description: 'The cursor of the next page; absent on the last page' }) },
            content: { 'text/csv': { schema: Type.String({ description: `Columns: ${csvHeaders(BREACH_CSV_COLUMNS)}` }) } },
          },
          ...errors(...READ_ERRORS),
        },
      },
    },
    async (request, reply) => {
      const now = request.server.clock()
      const page = await listBreaches(db, request.query, readView(request, request.query.asOf), now, request.caller.teamId)
      return sendBreachCsv(db, reply, page)
    },
  )
}
