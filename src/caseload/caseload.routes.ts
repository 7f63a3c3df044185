import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Db } from '../db/database.js'
import { READ_ROLES } from '../http/auth.js'
import { assertTeamVisible, readView } from '../http/context.js'
import { notFound } from '../http/problems.js'
import { errors, READ_ERRORS } from '../http/responses.js'
import { IdParams } from '../http/schemas.js'
import { findPractitionerById } from '../practitioners/practitioner.service.js'
import { ref } from '../schema/helpers.js'
import { CaseloadQuery, CaseloadSchema } from './caseload.schemas.js'
import { caseloadOf } from './caseload.service.js'

export const caseloadRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/practitioners/:id/caseload',
    {
      config: { access: READ_ROLES },
      schema: {
        tags: ['Caseload'],
        operationId: 'getCaseload',
        summary: 'A practitioner’s caseload',
        description:
          'The active families (active allocations as the allocated worker), oldest allocation first, each with its next due open clock (over the allocation and its intervention; a paused clock only when nothing else is open) and whether the weekly contact (000 §14) is on track — not overdue or due soon — as of `asOf`.',
        params: IdParams,
        querystring: CaseloadQuery,
        response: { 200: ref(CaseloadSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request) => {
      const practitioner = await findPractitionerById(db, request.params.id)
      if (!practitioner) throw notFound(`Practitioner ${request.params.id}`)
      assertTeamVisible(request.caller, practitioner.teamId, `Practitioner ${request.params.id}`)
      return caseloadOf(db, practitioner, readView(request, request.query.asOf))
    },
  )
}
