import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Db } from '../db/database.js'
import { READ_ROLES } from '../http/auth.js'
import { changeContext } from '../http/context.js'
import { errors, READ_ERRORS, WRITE_ERRORS } from '../http/responses.js'
import { AsOfQuery, IdParams } from '../http/schemas.js'
import { expectedVersion, withETag } from '../http/versioning.js'
import { ref, Strict } from '../schema/helpers.js'
import { PractitionerCreateSchema, PractitionerListQuery, PractitionerPageSchema, PractitionerPatchSchema, PractitionerSchema } from './practitioner.schemas.js'
import { createPractitioner, getPractitioner, listPractitioners, updatePractitioner } from './practitioner.service.js'

export const practitionerRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['Practitioners']
  const managers = { access: ['manager'] as const }

  app.post(
    '/practitioners',
    {
      config: managers,
      schema: {
        tags,
        operationId: 'createPractitioner',
        summary: 'Add a practitioner to a team',
        description: 'Admins and managers. Caseload capacity defaults to the team’s.',
        body: ref(PractitionerCreateSchema),
        response: { 201: ref(PractitionerSchema), ...errors(...WRITE_ERRORS, 409, 422) },
      },
    },
    async (request, reply) => {
      const row = await createPractitioner(db, changeContext(request), request.body)
      reply.code(201).header('location', `/practitioners/${row.id}`)
      return withETag(reply, row)
    },
  )

  app.get(
    '/practitioners',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'listPractitioners',
        summary: 'List practitioners',
        description: 'Ordered by id; filter by team, role, specialism or whether active.',
        querystring: PractitionerListQuery,
        response: { 200: ref(PractitionerPageSchema), ...errors(...READ_ERRORS) },
      },
    },
    async (request) => listPractitioners(db, request.caller, request.query),
  )

  app.get(
    '/practitioners/:id',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'getPractitioner',
        summary: 'Read a practitioner',
        description: 'One practitioner, with its ETag.',
        params: IdParams,
        querystring: Strict(AsOfQuery),
        response: { 200: ref(PractitionerSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request, reply) => withETag(reply, await getPractitioner(db, request.caller, request.params.id)),
  )

  app.patch(
    '/practitioners/:id',
    {
      config: managers,
      schema: {
        tags,
        operationId: 'updatePractitioner',
        summary: 'Change a practitioner',
        description: 'Admins and managers; `If-Match` guards against lost updates.',
        params: IdParams,
        body: ref(PractitionerPatchSchema),
        response: { 200: ref(PractitionerSchema), ...errors(...WRITE_ERRORS, 404, 412, 422) },
      },
    },
    async (request, reply) => withETag(reply, await updatePractitioner(db, changeContext(request), request.params.id, request.body, expectedVersion(request))),
  )
}
