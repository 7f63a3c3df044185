import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Db } from '../db/database.js'
import { READ_ROLES } from '../http/auth.js'
import { changeContext, readView } from '../http/context.js'
import { errors, READ_ERRORS, WRITE_ERRORS } from '../http/responses.js'
import { IdParams } from '../http/schemas.js'
import { expectedVersion, withETag } from '../http/versioning.js'
import { ref } from '../schema/helpers.js'
import { FamilyCreateSchema, FamilyListQuery, FamilyPageSchema, FamilyPatchSchema, FamilyReadQuery, FamilySchema } from './family.schemas.js'
import { createFamily, getFamily, listFamilies, updateFamily } from './family.service.js'

export const familyRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['Families']
  const writers = { access: ['manager', 'integration'] as const }

  app.post(
    '/families',
    {
      config: writers,
      schema: {
        tags,
        operationId: 'createFamily',
        summary: 'Register a family',
        description: 'Admins, managers and integrations. Members get ids; `externalRefs` must not be held by another family (409 `duplicate-external-ref`).',
        body: ref(FamilyCreateSchema),
        response: { 201: ref(FamilySchema), ...errors(...WRITE_ERRORS, 409, 422) },
      },
    },
    async (request, reply) => {
      const family = await createFamily(db, changeContext(request), request.body)
      reply.code(201).header('location', `/families/${family.id}`)
      return withETag(reply, family)
    },
  )

  app.get(
    '/families',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'listFamilies',
        summary: 'List families',
        description: 'Ordered by id. `externalRef=system|value` finds the family a case system knows by that id. Each item carries its SLA block as of `asOf`.',
        querystring: FamilyListQuery,
        response: { 200: ref(FamilyPageSchema), ...errors(...READ_ERRORS) },
      },
    },
    async (request) => listFamilies(db, request.caller, request.query, readView(request, request.query.asOf)),
  )

  app.get(
    '/families/:id',
    {
      config: { access: READ_ROLES },
      schema: {
        tags,
        operationId: 'getFamily',
        summary: 'Read a family',
        description: 'The family with its members and the SLA block over its open work, as of `asOf`.',
        params: IdParams,
        querystring: FamilyReadQuery,
        response: { 200: ref(FamilySchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request, reply) => withETag(reply, await getFamily(db, request.caller, request.params.id, readView(request, request.query.asOf))),
  )

  app.patch(
    '/families/:id',
    {
      config: writers,
      schema: {
        tags,
        operationId: 'updateFamily',
        summary: 'Change a family',
        description: 'Admins, managers and integrations. Send `If-Match` with the ETag you read; a stale one gets 412 and changes nothing.',
        params: IdParams,
        body: ref(FamilyPatchSchema),
        response: { 200: ref(FamilySchema), ...errors(...WRITE_ERRORS, 404, 409, 412, 422) },
      },
    },
    async (request, reply) => withETag(reply, await updateFamily(db, changeContext(request), request.params.id, request.body, expectedVersion(request))),
  )
}
