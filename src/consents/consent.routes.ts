import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Db } from '../db/database.js'
import { READ_ROLES } from '../http/auth.js'
import { assertTeamVisible } from '../http/context.js'
import { decodeCursor, toPage } from '../http/pagination.js'
import { notFound } from '../http/problems.js'
import { errors, READ_ERRORS } from '../http/responses.js'
import { IdParams } from '../http/schemas.js'
import { ref } from '../schema/helpers.js'
import { ConsentListQuery, ConsentRecordPageSchema, ConsentRecordSchema } from './consent.schemas.js'
import { findConsentById, listConsents, presentConsent } from './consent.service.js'

export const consentRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['Consents']

  app.get(
    '/consents',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'listConsents',
        summary: 'List the families’ consent decisions',
        description: 'Every decision kept, given, refused (with its date to revisit) or withdrawn, ordered by id.',
        querystring: ConsentListQuery,
        response: { 200: ref(ConsentRecordPageSchema), ...errors(...READ_ERRORS) },
      },
    },
    async (request) => {
      const { limit = 50, cursor, ...filters } = request.query
      const page = toPage(await listConsents(db, { ...filters, limit, after: decodeCursor(cursor), onlyTeamId: request.caller.teamId }), limit)
      return { ...page, items: page.items.map(presentConsent) }
    },
  )

  app.get(
    '/consents/:id',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'getConsent',
        summary: 'Read a consent decision',
        params: IdParams,
        response: { 200: ref(ConsentRecordSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request) => {
      const row = await findConsentById(db, request.params.id)
      if (!row) throw notFound(`Consent ${request.params.id}`)
      assertTeamVisible(request.caller, row.teamId, `Consent ${request.params.id}`)
      return presentConsent(row)
    },
  )
}
