import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { READ_ROLES } from '../http/auth.js'
import { notFound } from '../http/problems.js'
import { errors, READ_ERRORS } from '../http/responses.js'
import { ref, Strict } from '../schema/helpers.js'
import { findMeasure, OUTCOME_MEASURES } from './catalogue.js'
import { OutcomeMeasureListQuery, OutcomeMeasureListSchema, OutcomeMeasureSchema } from './outcome-measure.schemas.js'

export const outcomeMeasureRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['Outcome measures']
  app.get(
    '/outcome-measures',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'listOutcomeMeasures',
        summary: 'The outcome measures catalogue',
        description:
          'Every measure of the Outcomes Framework (document 000, Appendix 2), with its stable id and category: baseline, baseline for specialists, family outcomes, and the specialist sets (substance misuse, domestic abuse, sexual exploitation, emotional health). The whole catalogue in one page.',
        querystring: OutcomeMeasureListQuery,
        response: { 200: ref(OutcomeMeasureListSchema), ...errors(...READ_ERRORS) },
      },
    },
    async (request) => ({ items: OUTCOME_MEASURES.filter((m) => !request.query.category || m.category === request.query.category) }),
  )

  app.get(
    '/outcome-measures/:id',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'getOutcomeMeasure',
        summary: 'One outcome measure',
        params: Strict({ id: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100 }) }),
        response: { 200: ref(OutcomeMeasureSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request) => {
      const measure = findMeasure(request.params.id)
      if (!measure) throw notFound(`Outcome measure ${request.params.id}`)
      return { ...measure, phases: [...measure.phases] }
    },
  )
}
