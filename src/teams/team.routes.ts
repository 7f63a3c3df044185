import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Db } from '../db/database.js'
import { READ_ROLES } from '../http/auth.js'
import { changeContext } from '../http/context.js'
import { errors, READ_ERRORS, WRITE_ERRORS } from '../http/responses.js'
import { AsOfQuery, IdParams } from '../http/schemas.js'
import { expectedVersion, withETag } from '../http/versioning.js'
import { ref, Strict } from '../schema/helpers.js'
import { TeamCreateSchema, TeamListQuery, TeamPageSchema, TeamPatchSchema, TeamSchema } from './team.schemas.js'
import { createTeam, getTeam, listTeams, updateTeam } from './team.service.js'

export const teamRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['Teams']

  app.post(
    '/teams',
    {
      config: { access: [] },
      schema: {
        tags,
        operationId: 'createTeam',
        summary: 'Create a team',
        description: 'Admin only. A team works to one calendar (for working days) and one standards preset (for its SLA clocks).',
        body: ref(TeamCreateSchema),
        response: { 201: ref(TeamSchema), ...errors(...WRITE_ERRORS, 409, 422) },
      },
    },
    async (request, reply) => {
      const team = await createTeam(db, changeContext(request), request.body)
      reply.code(201).header('location', `/teams/${team.id}`)
      return withETag(reply, team)
    },
  )

  app.get(
    '/teams',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'listTeams',
        summary: 'List teams',
        description: 'Teams ordered by id; a team-scoped key sees its own team only.',
        querystring: TeamListQuery,
        response: { 200: ref(TeamPageSchema), ...errors(...READ_ERRORS) },
      },
    },
    async (request) => listTeams(db, request.caller, request.query),
  )

  app.get(
    '/teams/:id',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'getTeam',
        summary: 'Read a team',
        description: 'One team, with its ETag.',
        params: IdParams,
        querystring: Strict(AsOfQuery),
        response: { 200: ref(TeamSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request, reply) => withETag(reply, await getTeam(db, request.caller, request.params.id)),
  )

  app.patch(
    '/teams/:id',
    {
      config: { access: [] },
      schema: {
        tags,
        operationId: 'updateTeam',
        summary: 'Change a team',
        description:
          'Admin only. Send `If-Match` with the ETag you read to refuse the change if someone else changed the team first. ' +
          'A new preset applies to clocks started from now on.',
        params: IdParams,
        body: ref(TeamPatchSchema),
        response: { 200: ref(TeamSchema), ...errors(...WRITE_ERRORS, 404, 412, 422) },
      },
    },
    async (request, reply) => withETag(reply, await updateTeam(db, changeContext(request), request.params.id, request.body, expectedVersion(request))),
  )
}
