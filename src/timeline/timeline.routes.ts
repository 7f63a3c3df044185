import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Db } from '../db/database.js'
import { READ_ROLES } from '../http/auth.js'
import { errors, READ_ERRORS } from '../http/responses.js'
import { IdParams } from '../http/schemas.js'
import { ref } from '../schema/helpers.js'
import { FamilyTimelineSchema, TimelineQuery } from './timeline.schemas.js'
import { familyTimeline } from './timeline.service.js'

export const timelineRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/families/:id/timeline',
    {
      config: { access: READ_ROLES },
      schema: {
        tags: ['Families'],
        operationId: 'getFamilyTimeline',
        summary: 'A family’s story in one call',
        description:
          'Every event of the family’s work in the order it happened (then as recorded): requests, decisions, allocations, visits, consents, plans and their actions, contacts, reviews, escalations and clock verdicts. Paginated by cursor; `kind` keeps one kind. Team-scoped like every family read, and logged as a read of the family’s record.',
        params: IdParams,
        querystring: TimelineQuery,
        response: { 200: ref(FamilyTimelineSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request) => familyTimeline(db, request.caller, request.params.id, request.query),
  )
}
