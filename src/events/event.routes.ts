import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Db } from '../db/database.js'
import { READ_ROLES } from '../http/auth.js'
import { invalidField } from '../http/problems.js'
import { errors, READ_ERRORS } from '../http/responses.js'
import { ref } from '../schema/helpers.js'
import { FeedEventPageSchema, FeedQuery } from './event.schemas.js'
import { decodePosition, encodePosition, feedEvents } from './feed.repository.js'

type EventRow = Awaited<ReturnType<typeof feedEvents>>[number]

export const presentEvent = ({ tx, apiKeyId: _k, ...e }: EventRow) => ({ ...e, position: encodePosition({ tx: String(tx), id: e.id }) })

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
          'Read from the start, then poll with `after` set to the last `position` you processed: an event never appears before a position already served, and none is served twice in one pass. ' +
          'Events appear once their transaction and every older one have finished (usually within milliseconds). A team-limited key sees its team’s events only.',
        querystring: FeedQuery,
        response: { 200: ref(FeedEventPageSchema), ...errors(...READ_ERRORS) },
      },
    },
    async (request) => {
      const { limit = 50, cursor, after, type, familyId, teamId } = request.query
      const from = cursor ?? after
      const position = from === undefined ? null : decodePosition(from)
      if (from !== undefined && !position) throw invalidField(cursor ? 'cursor' : 'after', 'is not a position returned by this API', 'query')
      const rows = await feedEvents(db, { after: position, limit: limit + 1, types: type?.split(','), familyId, teamId, onlyTeamId: request.caller.teamId })
      const items = rows.slice(0, limit).map(presentEvent)
      return { items, nextCursor: rows.length > limit ? items[items.length - 1].position : null }
    },
  )
}
