import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Db } from '../db/database.js'
import { errors, READ_ERRORS } from '../http/responses.js'
import { ref } from '../schema/helpers.js'
import { AuditEventPageSchema, AuditQuery } from './audit.schemas.js'
import { listAuditEvents } from './audit.service.js'

export { registerReadAudit } from './read-audit.js'

export const auditRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/audit-events',
    {
      config: { access: ['manager'] },
      schema: {
        tags: ['Audit'],
        operationId: 'listAuditEvents',
        summary: 'The audit trail',
        description:
          'Every change (from the outbox) and every read of a family’s record, oldest first, with the API key, the acting user, ' +
          'the request id and what changed. Append-only. ' +
          'Filter by family, key and time. A team-limited manager sees its team’s entries only.',
        querystring: AuditQuery,
        response: { 200: ref(AuditEventPageSchema), ...errors(...READ_ERRORS) },
      },
    },
    async (request) => listAuditEvents(db, request.caller, request.query),
  )
}
