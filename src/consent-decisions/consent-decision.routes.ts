import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ConsentCreateSchema, ConsentRecordSchema } from '../consents/consent.schemas.js'
import { presentConsent } from '../consents/consent.service.js'
import type { Db } from '../db/database.js'
import { changeContext } from '../http/context.js'
import { errors, WRITE_ERRORS } from '../http/responses.js'
import { ref } from '../schema/helpers.js'
import { decideConsent } from './consent-decision.service.js'

export const consentDecisionRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.post(
    '/consents',
    {
      config: { access: ['manager', 'practitioner'] as const },
      schema: {
        tags: ['Consents'],
        operationId: 'recordConsent',
        summary: 'Record a family’s decision about consent',
        description:
          'Given, refused or withdrawn; for `sharing` information and/or the `service`. A refusal is kept with `revisitOn`, the date to revisit the family (004). Withdrawing consent to the service stops the work on the request: its open intervention and allocation end, their open clocks closed (cancelled before due, missed after), and the request ends (`consent_withdrawn`) or, not yet allocated, is withdrawn. 409 when there is no consent to the service to withdraw.',
        body: ref(ConsentCreateSchema),
        response: { 201: ref(ConsentRecordSchema), ...errors(...WRITE_ERRORS, 409, 422) },
      },
    },
    async (request, reply) => {
      const row = await decideConsent(db, changeContext(request), request.body)
      reply.code(201).header('location', `/consents/${row.id}`)
      return presentConsent(row)
    },
  )
}
