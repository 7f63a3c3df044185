import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { csvHeaders, toCsv } from '../breaches/csv.js'
import type { Db } from '../db/database.js'
import { READ_ROLES } from '../http/auth.js'
import { readView } from '../http/context.js'
import { errors, READ_ERRORS } from '../http/responses.js'
import { ref } from '../schema/helpers.js'
import { BreachTrendQuery, BreachTrendSchema } from './breach-trend.schemas.js'
import { breachTrend } from './breach-trend.service.js'
import { renderTrendSvg } from './breach-trend-chart.js'
import { BREACH_TREND_CSV_COLUMNS } from './breach-trend-csv.js'

/** The representation asked for first in `Accept`, among the three this report has; JSON when none is named. */
function preferred(accept: string | undefined): 'json' | 'csv' | 'svg' {
  if (!accept) return 'json'
  const at = (type: string) => {
    const i = accept.indexOf(type)
    return i < 0 ? Number.POSITIVE_INFINITY : i
  }
  const order = [
    { kind: 'json' as const, at: at('application/json') },
    { kind: 'csv' as const, at: at('text/csv') },
    { kind: 'svg' as const, at: at('image/svg+xml') },
  ].sort((a, b) => a.at - b.at)
  return order[0].at === Number.POSITIVE_INFINITY ? 'json' : order[0].kind
}

export const breachTrendRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/reports/breaches/trend',
    {
      config: { access: READ_ROLES },
      schema: {
        tags: ['Reports'],
        operationId: 'getBreachTrend',
        summary: 'Met, met late, missed and overdue clocks per week or month',
        description:
          'Clocks due from `from` to `to`, counted per period of their due date (ISO weeks or months) and per standard or team, by their verdict ' +
          'as of `asOf`. JSON by default; `Accept: text/csv` for a spreadsheet; `Accept: image/svg+xml` for a chart rendered on the server ' +
          '(stacked bars of the four verdicts per period, totalled over the rows; narrow it with `teamId` or `standard`).',
        querystring: BreachTrendQuery,
        response: {
          200: {
            description: 'The trend',
            content: {
              'application/json': { schema: ref(BreachTrendSchema) },
              'text/csv': { schema: Type.String({ description: `A UTF-8 byte-order mark, then columns ${csvHeaders(BREACH_TREND_CSV_COLUMNS)}` }) },
              'image/svg+xml': { schema: Type.String({ description: 'An SVG chart of the four verdicts per period' }) },
            },
          },
          ...errors(...READ_ERRORS),
        },
      },
    },
    async (request, reply) => {
      const view = readView(request, request.query.asOf)
      const trend = await breachTrend(db, request.query, view.asOf, request.server.clock(), request.caller.teamId)
      const kind = preferred(request.headers.accept)
      if (kind === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(BREACH_TREND_CSV_COLUMNS, trend.rows))
      if (kind === 'svg') {
        const scope = trend.teamId ? (trend.rows[0]?.label ?? 'One team') : 'All teams'
        const title = `SLA verdicts${request.query.standard ? ` for ${request.query.standard}` : ''}: ${scope}`
        return reply.type('image/svg+xml; charset=utf-8').send(await renderTrendSvg(trend, title))
      }
      return trend
    },
  )
}
