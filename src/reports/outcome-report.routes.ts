import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { csvHeaders, toCsv } from '../breaches/csv.js'
import type { Db } from '../db/database.js'
import { READ_ROLES } from '../http/auth.js'
import { preferredType } from '../http/content-negotiation.js'
import { errors, READ_ERRORS } from '../http/responses.js'
import { ref } from '../schema/helpers.js'
import { OutcomeReportQuery, OutcomeReportSchema, REPORT_DEFINITION } from './outcome-report.schemas.js'
import { outcomeReport } from './outcome-report.service.js'
import { OUTCOME_REPORT_CSV_COLUMNS, outcomeReportCsvRows } from './outcome-report-csv.js'

/** CSV when the client prefers it to JSON (q-values, then its order); JSON when no Accept is sent. */
const wantsCsv = (accept: string | undefined): boolean => accept !== undefined && preferredType(accept, ['application/json', 'text/csv']) === 'text/csv'

export const outcomeReportRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/reports/outcomes',
    {
      config: { access: READ_ROLES },
      schema: {
        tags: ['Reports'],
        operationId: 'getOutcomeReport',
        summary: 'Monthly outcome monitoring',
        description: `The monthly monitoring of document 000 §7: how often each measure was selected, the average score at start, review and end, the degree of change, and how many interventions improved, did not change or regressed in one or more areas.\n\n${REPORT_DEFINITION}`,
        querystring: OutcomeReportQuery,
        response: {
          200: {
            description: 'The report',
            content: {
              'application/json': { schema: ref(OutcomeReportSchema) },
              'text/csv': { schema: Type.String({ description: `A UTF-8 byte-order mark, then columns ${csvHeaders(OUTCOME_REPORT_CSV_COLUMNS)}` }) },
            },
          },
          ...errors(...READ_ERRORS),
        },
      },
    },
    async (request, reply) => {
      const report = await outcomeReport(db, { ...request.query, onlyTeamId: request.caller.teamId })
      if (wantsCsv(request.headers.accept)) {
        return reply.type('text/csv; charset=utf-8').send(toCsv(OUTCOME_REPORT_CSV_COLUMNS, await outcomeReportCsvRows(db, report)))
      }
      return report
    },
  )
}
