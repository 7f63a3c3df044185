import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Db } from '../db/database.js'
import { changeContext } from '../http/context.js'
import { errors, READ_ERRORS, WRITE_ERRORS } from '../http/responses.js'
import { IdParams } from '../http/schemas.js'
import { expectedVersion, withETag } from '../http/versioning.js'
import { ref } from '../schema/helpers.js'
import { ApiKeyCreateSchema, ApiKeyListQuery, ApiKeyPageSchema, ApiKeySchema, ApiKeyWithSecretSchema } from './api-key.schemas.js'
import { createApiKey, getApiKey, listApiKeys, revokeApiKey } from './api-key.service.js'

export const apiKeyRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['API keys']
  const adminOnly = { access: [] as const }

  app.post(
    '/api-keys',
    {
      config: adminOnly,
      schema: {
        tags,
        operationId: 'createApiKey',
        summary: 'Create an API key',
        description: 'Admin only. The secret is in `key`, shown in this response only; store it now. A `teamId` limits the key to that team.',
        body: ref(ApiKeyCreateSchema),
        response: { 201: ref(ApiKeyWithSecretSchema), ...errors(...WRITE_ERRORS, 409, 422) },
      },
    },
    async (request, reply) => {
      const key = await createApiKey(db, changeContext(request), request.body)
      reply.code(201).header('location', `/api-keys/${key.id}`)
      return withETag(reply, key)
    },
  )

  app.get(
    '/api-keys',
    {
      config: adminOnly,
      schema: {
        tags,
        operationId: 'listApiKeys',
        summary: 'List API keys',
        description: 'Admin only. Secrets are never returned.',
        querystring: ApiKeyListQuery,
        response: { 200: ref(ApiKeyPageSchema), ...errors(...READ_ERRORS) },
      },
    },
    async (request) => listApiKeys(db, request.query),
  )

  app.get(
    '/api-keys/:id',
    {
      config: adminOnly,
      schema: {
        tags,
        operationId: 'getApiKey',
        summary: 'Read an API key',
        description: 'Admin only.',
        params: IdParams,
        response: { 200: ref(ApiKeySchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request, reply) => withETag(reply, await getApiKey(db, request.params.id)),
  )

  app.post(
    '/api-keys/:id/revoke',
    {
      config: adminOnly,
      schema: {
        tags,
        operationId: 'revokeApiKey',
        summary: 'Revoke an API key',
        description:
          'Admin only. The key stops working at once on the instance that revokes it, and within API_KEY_CACHE_MS (5 s by default) on any other instance; revoking a revoked key changes nothing.',
        params: IdParams,
        response: { 200: ref(ApiKeySchema), ...errors(...WRITE_ERRORS, 404, 409, 412, 422) },
      },
    },
    async (request, reply) => {
      const revoked = await revokeApiKey(db, changeContext(request), request.params.id, expectedVersion(request))
      request.server.apiKeys.forget(request.params.id)
      return withETag(reply, revoked)
    },
  )
}
