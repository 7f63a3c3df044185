import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Db } from '../db/database.js'
import { READ_ROLES } from '../http/auth.js'
import { errors, READ_ERRORS } from '../http/responses.js'
import { ref } from '../schema/helpers.js'
import { FeedEventPageSchema, FeedQuery } from './event.schemas.js'
import { readFeed } from './event.service.js'

export { presentEvent } from './event.service.js'

export const eventRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/events',
    {
      config: { access: READ_ROLES },
      schema: {
        tags: ['Events'],
        operationId: 'listEvents',
        summary: 'Read the event feed',
        description:
          'Every change, every clock that became overdue and every due date moved, in one ordered, gap-free feed. ' +
          'Read from the start, then poll with `after` set to the last `position` you processed: ' +
          'an event never appears before a position already served, and none is served twice in one pass. ' +
          'Events appear once their transaction and every older one have finished (usually within milliseconds). ' +
          'A team-limited key sees its team’s events only.',
        querystring: FeedQuery,
        response: { 200: ref(FeedEventPageSchema), ...errors(...READ_ERRORS) },
      },
    },
    async (request) => readFeed(db, request.caller, request.query),
  )
}
