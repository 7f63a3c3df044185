import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Db } from '../db/database.js'
import { READ_ROLES } from '../http/auth.js'
import { assertTeamVisible, changeContext } from '../http/context.js'
import { decodeCursor, toPage } from '../http/pagination.js'
import { notFound } from '../http/problems.js'
import { errors, READ_ERRORS, WRITE_ERRORS } from '../http/responses.js'
import { IdParams } from '../http/schemas.js'
import { expectedVersion, withETag } from '../http/versioning.js'
import { ref } from '../schema/helpers.js'
import { AssessmentCompleteSchema, AssessmentCreateSchema, AssessmentListQuery, AssessmentPageSchema, AssessmentSchema } from './assessment.schemas.js'
import { completeAssessment, findAssessmentById, listAssessments, presentAssessment, startAssessment } from './assessment.service.js'

export const assessmentRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['Assessments']
  const workers = { access: ['manager', 'practitioner'] as const }

  app.post(
    '/assessments',
    {
      config: workers,
      schema: {
        tags,
        operationId: 'startAssessment',
        summary: 'Start an assessment',
        description:
          'The Early Help Assessment (004 §3.2) or the Level 3 assessment (002), for an allocated request. 409 without the family’s consent to the service on record: informed consent is mandatory (004), and at Level 3 it is obtained at the initial visit (002).',
        body: ref(AssessmentCreateSchema),
        response: { 201: ref(AssessmentSchema), ...errors(...WRITE_ERRORS, 409, 422) },
      },
    },
    async (request, reply) => {
      const assessment = await startAssessment(db, changeContext(request), request.body)
      reply.code(201).header('location', `/assessments/${assessment.id}`)
      return withETag(reply, assessment)
    },
  )

  app.post(
    '/assessments/:id/complete',
    {
      config: workers,
      schema: {
        tags,
        operationId: 'completeAssessment',
        summary: 'Complete an assessment',
        description:
          'With whom it was done (the family members and agencies), whether the child was seen and when, the family’s views and the needs found. Completing a Level 3 assessment stops its clock (20 working days from allocation, 002).',
        params: IdParams,
        body: ref(AssessmentCompleteSchema),
        response: { 200: ref(AssessmentSchema), ...errors(...WRITE_ERRORS, 404, 409, 412, 422) },
      },
    },
    async (request, reply) => withETag(reply, await completeAssessment(db, changeContext(request), request.params.id, request.body, expectedVersion(request))),
  )

  app.get(
    '/assessments',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'listAssessments',
        summary: 'List assessments',
        querystring: AssessmentListQuery,
        response: { 200: ref(AssessmentPageSchema), ...errors(...READ_ERRORS) },
      },
    },
    async (request) => {
      const { limit = 50, cursor, ...filters } = request.query
      const page = toPage(await listAssessments(db, { ...filters, limit, after: decodeCursor(cursor), onlyTeamId: request.caller.teamId }), limit)
      return { ...page, items: page.items.map(presentAssessment) }
    },
  )

  app.get(
    '/assessments/:id',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'getAssessment',
        summary: 'Read an assessment',
        params: IdParams,
        response: { 200: ref(AssessmentSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request, reply) => {
      const row = await findAssessmentById(db, request.params.id)
      if (!row) throw notFound(`Assessment ${request.params.id}`)
      assertTeamVisible(request.caller, row.teamId, `Assessment ${request.params.id}`)
      return withETag(reply, presentAssessment(row))
    },
  )
}
