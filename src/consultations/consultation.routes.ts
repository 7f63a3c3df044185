import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Db } from '../db/database.js'
import { READ_ROLES } from '../http/auth.js'
import { assertTeamVisible, changeContext, readView } from '../http/context.js'
import { decodeCursor, toPage } from '../http/pagination.js'
import { notFound } from '../http/problems.js'
import { errors, READ_ERRORS, WRITE_ERRORS } from '../http/responses.js'
import { AsOfQuery, IdParams } from '../http/schemas.js'
import { expectedVersion, withETag } from '../http/versioning.js'
import { ref, Strict } from '../schema/helpers.js'
import { findConsultationById, listConsultations } from './consultation.repository.js'
import {
  ConsultationCreateSchema,
  ConsultationListQuery,
  ConsultationPageSchema,
  ConsultationRecordSchema,
  ConsultationSchema,
  SupervisorDiscussionSchema,
} from './consultation.schemas.js'
import { createConsultation, presentConsultations, recordConsultation, recordSupervisorDiscussion } from './consultation.service.js'

export const consultationRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['Consultations']
  const workers = { access: ['manager', 'practitioner'] as const }
  const response = { 200: ref(ConsultationSchema), ...errors(...WRITE_ERRORS, 404, 409, 412, 422) }

  app.post(
    '/consultations',
    {
      config: workers,
      schema: {
        tags,
        operationId: 'createConsultation',
        summary: 'Record that a specialist consultation was held',
        description:
          'Starts the clock to record it (2 working days in the TRT preset). Held for an open consultation request (`kind: consultation`, status `received`), it answers it: the request ends with reason `consultation_held`.',
        body: ref(ConsultationCreateSchema),
        response: { 201: ref(ConsultationSchema), ...errors(...WRITE_ERRORS, 422) },
      },
    },
    async (request, reply) => {
      const consultation = await createConsultation(db, changeContext(request), request.body)
      reply.code(201).header('location', `/consultations/${consultation.id}`)
      return withETag(reply, consultation)
    },
  )

  app.get(
    '/consultations',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'listConsultations',
        summary: 'List consultations',
        description: 'Ordered by id, each with its SLA block as of `asOf`.',
        querystring: ConsultationListQuery,
        response: { 200: ref(ConsultationPageSchema), ...errors(...READ_ERRORS) },
      },
    },
    async (request) => {
      const { limit = 50, cursor, asOf, ...filters } = request.query
      const page = toPage(await listConsultations(db, { ...filters, limit, after: decodeCursor(cursor), onlyTeamId: request.caller.teamId }), limit)
      return { ...page, items: await presentConsultations(db, page.items, readView(request, asOf)) }
    },
  )

  app.get(
    '/consultations/:id',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'getConsultation',
        summary: 'Read a consultation',
        description: 'With its SLA block as of `asOf`.',
        params: IdParams,
        querystring: Strict(AsOfQuery),
        response: { 200: ref(ConsultationSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request, reply) => {
      const row = await findConsultationById(db, request.params.id)
      if (!row) throw notFound(`Consultation ${request.params.id}`)
      assertTeamVisible(request.caller, row.teamId, `Consultation ${request.params.id}`)
      return withETag(reply, (await presentConsultations(db, [row], readView(request, request.query.asOf)))[0])
    },
  )

  app.post(
    '/consultations/:id/record',
    {
      config: workers,
      schema: {
        tags,
        operationId: 'recordConsultation',
        summary: 'Record the consultation',
        description: 'Written up with its recommendations; starts the supervisor-discussion clock.',
        params: IdParams,
        body: ref(ConsultationRecordSchema),
        response,
      },
    },
    async (request, reply) => withETag(reply, await recordConsultation(db, changeContext(request), request.params.id, request.body, expectedVersion(request))),
  )

  app.post(
    '/consultations/:id/supervisor-discussion',
    {
      config: workers,
      schema: {
        tags,
        operationId: 'recordSupervisorDiscussion',
        summary: 'Record the supervisor discussion',
        description: 'The social worker discussed the recommendations with their supervisor.',
        params: IdParams,
        body: ref(SupervisorDiscussionSchema),
        response,
      },
    },
    async (request, reply) =>
      withETag(reply, await recordSupervisorDiscussion(db, changeContext(request), request.params.id, request.body, expectedVersion(request))),
  )
}
