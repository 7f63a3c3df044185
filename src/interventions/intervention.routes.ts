import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Db } from '../db/database.js'
import { READ_ROLES } from '../http/auth.js'
import { changeContext, readView } from '../http/context.js'
import { decodeCursor, toPage } from '../http/pagination.js'
import { errors, READ_ERRORS, WRITE_ERRORS } from '../http/responses.js'
import { AsOfQuery, IdParams } from '../http/schemas.js'
import { withETag } from '../http/versioning.js'
import { ref, Strict } from '../schema/helpers.js'
import { registerContactRoutes } from './contact.routes.js'
import { listInterventions } from './intervention.repository.js'
import { InterventionCreateSchema, InterventionListQuery, InterventionPageSchema, InterventionSchema } from './intervention.schemas.js'
import { createIntervention, presentInterventions, visibleIntervention } from './intervention.service.js'
import { WORKERS } from './intervention-action.js'
import { interventionEndRoutes } from './intervention-end.routes.js'
import { interventionStepRoutes } from './intervention-steps.routes.js'
import { measureSelectionRoute, registerOutcomeScoreRoutes } from './outcome-score.routes.js'

export const interventionRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['Interventions']

  app.post(
    '/interventions',
    {
      config: { access: WORKERS },
      schema: {
        tags,
        operationId: 'createIntervention',
        summary: 'Start an intervention from an allocation',
        description:
          'Practitioners and managers. Carries over the request’s focus and target outcomes (as agreed outcomes) and the joint visit’s working together agreement, danger statements and safety goals. Starts the intervention’s clocks under the team’s preset (TRT: initial review 12 weeks, maximum duration 6 months, consent period 3 months, audits at 4 weeks, 3 and 6 months, joint supervision every 3 months, weekly contact) and counts as planning progress on the allocation. One intervention per allocation (409); the allocation must be active (409).',
        body: ref(InterventionCreateSchema),
        response: { 201: ref(InterventionSchema), ...errors(...WRITE_ERRORS, 409, 422) },
      },
    },
    async (request, reply) => {
      const intervention = await createIntervention(db, changeContext(request), request.body)
      reply.code(201).header('location', `/interventions/${intervention.id}`)
      return withETag(reply, intervention)
    },
  )

  app.get(
    '/interventions',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'listInterventions',
        summary: 'List interventions',
        description: 'Ordered by id, each with its selected measures and SLA block as of `asOf`.',
        querystring: InterventionListQuery,
        response: { 200: ref(InterventionPageSchema), ...errors(...READ_ERRORS) },
      },
    },
    async (request) => {
      const { limit = 50, cursor, asOf, ...filters } = request.query
      const page = toPage(await listInterventions(db, { ...filters, limit, after: decodeCursor(cursor), onlyTeamId: request.caller.teamId }), limit)
      return { ...page, items: await presentInterventions(db, page.items, readView(request, asOf)) }
    },
  )

  app.get(
    '/interventions/:id',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'getIntervention',
        summary: 'Read an intervention',
        description: 'With its reviews, audits, supervision, suspensions, ending, selected measures and SLA block as of `asOf`.',
        params: IdParams,
        querystring: Strict(AsOfQuery),
        response: { 200: ref(InterventionSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request, reply) => {
      const row = await visibleIntervention(db, request.caller, request.params.id)
      return withETag(reply, (await presentInterventions(db, [row], readView(request, request.query.asOf)))[0])
    },
  )

  // In the order the OpenAPI document lists them: the steps, the ending, the measures, contacts, scores.
  for (const register of [...interventionStepRoutes, ...interventionEndRoutes, measureSelectionRoute, registerContactRoutes, registerOutcomeScoreRoutes]) {
    register(app, db)
  }
}
