import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Db } from '../db/database.js'
import { READ_ROLES } from '../http/auth.js'
import { changeContext, readView } from '../http/context.js'
import { deprecationHeaders } from '../http/deprecation.js'
import { errors, READ_ERRORS, WRITE_ERRORS } from '../http/responses.js'
import { AsOfQuery, IdParams } from '../http/schemas.js'
import { expectedVersion, withETag } from '../http/versioning.js'
import { ref, Strict } from '../schema/helpers.js'
import { LATE_REASON_ALIAS, LateReasonSchema, SlaClockDetailSchema, SlaClockListQuery, SlaClockPageSchema } from './sla-clock.schemas.js'
import { clockDetail, findVisibleClock, listClocks, recordLateReason } from './sla-clock.service.js'

export const slaClockRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['SLA clocks']

  app.get(
    '/sla-clocks',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'listSlaClocks',
        summary: 'List clocks',
        description:
          'Ordered by id, filtered by subject, family, team, practitioner or standard. `late=true&lateReasonMissing=true` lists the clocks stopped late whose reason is not yet recorded.',
        querystring: SlaClockListQuery,
        response: { 200: ref(SlaClockPageSchema), ...errors(...READ_ERRORS) },
      },
    },
    async (request) => listClocks(db, request.query, readView(request, request.query.asOf), request.caller.teamId),
  )

  app.get(
    '/sla-clocks/:id',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'getSlaClock',
        summary: 'Read a clock, with why it is due when it is',
        description:
          'The clock as of `asOf`, its pauses, and every day it counted or skipped (weekend, the named bank holiday, a closure day, a pause), so anyone can check the due date by hand.',
        params: IdParams,
        querystring: Strict(AsOfQuery),
        response: { 200: ref(SlaClockDetailSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request, reply) => {
      const row = await findVisibleClock(db, request.params.id, request.caller.teamId)
      return withETag(reply, await clockDetail(db, row, readView(request, request.query.asOf)))
    },
  )

  app.post(
    '/sla-clocks/:id/late-reason',
    {
      config: { access: ['manager', 'practitioner'] as const },
      schema: {
        tags,
        operationId: 'recordLateReason',
        summary: 'Record why a clock was met late',
        description:
          'Only for a clock that stopped after its due date (409 otherwise). Send `reason`; the body field `lateReason` is its deprecated alias, ' +
          'and a request that uses it is answered with `Deprecation` and `Sunset` headers.',
        params: IdParams,
        body: ref(LateReasonSchema),
        response: { 200: ref(SlaClockDetailSchema), ...errors(...WRITE_ERRORS, 404, 409, 412) },
      },
    },
    async (request, reply) => {
      if (request.body.lateReason !== undefined) reply.headers(deprecationHeaders(LATE_REASON_ALIAS))
      return withETag(reply, await recordLateReason(db, changeContext(request), request.params.id, request.body, expectedVersion(request)))
    },
  )
}
