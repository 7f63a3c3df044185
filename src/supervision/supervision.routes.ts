import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Db } from '../db/database.js'
import { READ_ROLES } from '../http/auth.js'
import { changeContext, readView } from '../http/context.js'
import { errors, READ_ERRORS, WRITE_ERRORS } from '../http/responses.js'
import { IdParams } from '../http/schemas.js'
import { ref } from '../schema/helpers.js'
import { SupervisionQuery, SupervisionRecordCreateSchema, SupervisionRecordSchema, SupervisionViewSchema } from './supervision.schemas.js'
import { recordSupervision, supervisionView } from './supervision.service.js'

export const supervisionRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['Practitioners']

  app.post(
    '/practitioners/:id/supervision-records',
    {
      config: { access: ['manager', 'practitioner'] as const },
      schema: {
        tags,
        operationId: 'recordSupervision',
        summary: 'Record a practitioner’s supervision',
        description:
          'Case supervision, the specialist’s quarterly three-way meeting with their clinical supervisor (specialists only, naming `clinicalSupervisor`), or an observation of practice (000 §11, §11.1). Stops the kind’s open clock on the practitioner and starts the next, under the team’s preset; the first record of a kind starts its cycle.',
        params: IdParams,
        body: ref(SupervisionRecordCreateSchema),
        response: { 201: ref(SupervisionRecordSchema), ...errors(...WRITE_ERRORS, 404, 422) },
      },
    },
    async (request, reply) => {
      const record = await recordSupervision(db, changeContext(request), request.params.id, request.body)
      return reply.code(201).send(record)
    },
  )

  app.get(
    '/practitioners/:id/supervision',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'getPractitionerSupervision',
        summary: 'What supervision is due and overdue for a practitioner',
        description:
          'As of `asOf` (default now): per kind of supervision that applies to the practitioner, the last one held and its clock; and the practitioner’s open clocks, due (soonest first) and overdue.',
        params: IdParams,
        querystring: SupervisionQuery,
        response: { 200: ref(SupervisionViewSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request) => supervisionView(db, request.caller, request.params.id, readView(request, request.query.asOf)),
  )
}
