import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Db } from '../db/database.js'
import { READ_ROLES } from '../http/auth.js'
import { changeContext, readView } from '../http/context.js'
import { errors, READ_ERRORS, WRITE_ERRORS } from '../http/responses.js'
import { AsOfQuery, IdParams } from '../http/schemas.js'
import { withETag } from '../http/versioning.js'
import { ref, Strict } from '../schema/helpers.js'
import { EscalationCreateSchema, EscalationListQuery, EscalationPageSchema, EscalationSchema } from './escalation.schemas.js'
import { createEscalation, getEscalation, listEscalations } from './escalation.service.js'
import { registerEscalationStepRoutes } from './escalation-steps.routes.js'

export const escalationRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['Escalations']

  app.post(
    '/escalations',
    {
      config: { access: ['manager', 'practitioner', 'integration'] },
      schema: {
        tags,
        operationId: 'createEscalation',
        summary: 'Raise an escalation',
        description:
          'A professional disagreement (000 §15), a step up to or step down from children’s social care (004 §8–§9; ' +
          '002), or a safeguarding concern (000 §11.1; 004 §7). ' +
          'Practitioners and managers raise disagreements and concerns; integrations and managers record step-ups and step-downs. ' +
          'A step-up is idempotent on the family’s open step-up: asking again returns the open one with 200.',
        body: ref(EscalationCreateSchema),
        response: { 201: ref(EscalationSchema), 200: ref(EscalationSchema), ...errors(...WRITE_ERRORS, 422) },
      },
    },
    async (request, reply) => {
      const { created, escalation } = await createEscalation(db, changeContext(request), request.body)
      reply.code(created ? 201 : 200).header('location', `/escalations/${escalation.id}`)
      return withETag(reply, escalation)
    },
  )

  app.get(
    '/escalations',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'listEscalations',
        summary: 'List escalations',
        description: 'Ordered by id, each with its SLA block as of `asOf`.',
        querystring: EscalationListQuery,
        response: { 200: ref(EscalationPageSchema), ...errors(...READ_ERRORS) },
      },
    },
    async (request) => listEscalations(db, request.caller, request.query, readView(request, request.query.asOf)),
  )

  app.get(
    '/escalations/:id',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'getEscalation',
        summary: 'Read an escalation',
        description: 'With its steps, decisions and SLA block as of `asOf`.',
        params: IdParams,
        querystring: Strict(AsOfQuery),
        response: { 200: ref(EscalationSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request, reply) => withETag(reply, await getEscalation(db, request.caller, request.params.id, readView(request, request.query.asOf))),
  )

  registerEscalationStepRoutes(app, db)
}
