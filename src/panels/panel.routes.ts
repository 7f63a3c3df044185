import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Db } from '../db/database.js'
import { READ_ROLES } from '../http/auth.js'
import { assertTeamVisible, changeContext } from '../http/context.js'
import { decodeCursor, toPage } from '../http/pagination.js'
import { notFound } from '../http/problems.js'
import { errors, READ_ERRORS, WRITE_ERRORS } from '../http/responses.js'
import { IdParams } from '../http/schemas.js'
import { withETag } from '../http/versioning.js'
import { ref } from '../schema/helpers.js'
import { PanelCreateSchema, PanelListQuery, PanelPageSchema, PanelSchema } from './panel.schemas.js'
import { createPanel, findPanelById, listPanels, presentPanels } from './panel.service.js'

export const panelRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['Panels']

  app.post(
    '/panels',
    {
      config: { access: ['manager'] as const },
      schema: {
        tags,
        operationId: 'createPanel',
        summary: 'Record a panel or allocation meeting with its decisions',
        description:
          'Targeted Help’s weekly multi-agency panel (001 §3) or TRT’s weekly allocation meeting (000 §8): when, who attended, the minutes’ reference and, per request, the decision and the named co-ordinator or practitioner. Each decided request carries the panel’s id; an allocation decided here is made at the meeting’s time (a received request is accepted first: the panel is its screening). All or nothing: a decision that cannot be carried out (409, or 422 naming `decisions[i]`) records none.',
        body: ref(PanelCreateSchema),
        response: { 201: ref(PanelSchema), ...errors(...WRITE_ERRORS, 409, 422) },
      },
    },
    async (request, reply) => {
      const panel = await createPanel(db, changeContext(request), request.body)
      reply.code(201).header('location', `/panels/${panel.id}`)
      return withETag(reply, panel)
    },
  )

  app.get(
    '/panels',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'listPanels',
        summary: 'List panels and allocation meetings',
        querystring: PanelListQuery,
        response: { 200: ref(PanelPageSchema), ...errors(...READ_ERRORS) },
      },
    },
    async (request) => {
      const { limit = 50, cursor, ...filters } = request.query
      const page = toPage(await listPanels(db, { ...filters, limit, after: decodeCursor(cursor), onlyTeamId: request.caller.teamId }), limit)
      return { ...page, items: await presentPanels(db, page.items) }
    },
  )

  app.get(
    '/panels/:id',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'getPanel',
        summary: 'Read a panel or allocation meeting, with its decisions',
        params: IdParams,
        response: { 200: ref(PanelSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request, reply) => {
      const row = await findPanelById(db, request.params.id)
      if (!row) throw notFound(`Panel ${request.params.id}`)
      assertTeamVisible(request.caller, row.teamId, `Panel ${request.params.id}`)
      return withETag(reply, (await presentPanels(db, [row]))[0])
    },
  )
}
