import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Db } from '../db/database.js'
import { changeContext } from '../http/context.js'
import { errors, READ_ERRORS, WRITE_ERRORS } from '../http/responses.js'
import { IdParams } from '../http/schemas.js'
import { expectedVersion, withETag } from '../http/versioning.js'
import { ref } from '../schema/helpers.js'
import { WebhookCreateSchema, WebhookListQuery, WebhookPageSchema, WebhookSchema, WebhookUpdateSchema } from './webhook.schemas.js'
import { createWebhook, deleteWebhook, findWebhook, listWebhooks, updateWebhook } from './webhook.service.js'
import { webhookActionRoutes } from './webhook-actions.routes.js'
import type { WebhookSettings } from './webhook-settings.js'

/** Admins manage subscriptions; a team-limited admin key sees and manages its team's only (another team's is a 404). */
export const webhookRoutes: FastifyPluginAsyncTypebox<{ db: Db; settings: WebhookSettings }> = async (app, { db, settings }) => {
  const tags = ['Webhooks']
  const admins = { access: [] as const }

  app.post(
    '/webhooks',
    {
      config: admins,
      schema: {
        tags,
        operationId: 'createWebhook',
        summary: 'Subscribe a URL to events',
        description:
          'The response carries the signing secret, shown once. Delivery starts with the events after now. A team-limited key subscribes to its own team’s events only.',
        body: ref(WebhookCreateSchema),
        response: { 201: ref(WebhookSchema), ...errors(...WRITE_ERRORS, 422, 503) },
      },
    },
    async (request, reply) => {
      const webhook = await createWebhook(db, changeContext(request), settings, request.body)
      reply.code(201).header('location', `/webhooks/${webhook.id}`)
      return withETag(reply, webhook)
    },
  )

  app.get(
    '/webhooks',
    {
      config: admins,
      schema: {
        tags,
        operationId: 'listWebhooks',
        summary: 'List webhook subscriptions',
        description: 'A team-limited key sees its team’s subscriptions only.',
        querystring: WebhookListQuery,
        response: { 200: ref(WebhookPageSchema), ...errors(...READ_ERRORS) },
      },
    },
    async (request) => listWebhooks(db, request.caller, request.query, request.server.clock()),
  )

  app.get(
    '/webhooks/:id',
    {
      config: admins,
      schema: {
        tags,
        operationId: 'getWebhook',
        summary: 'Read a webhook subscription',
        description: 'Says whether it is disabled, and why, and how far delivery has got.',
        params: IdParams,
        response: { 200: ref(WebhookSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request, reply) => withETag(reply, await findWebhook(db, request.caller, request.params.id, request.server.clock())),
  )

  app.patch(
    '/webhooks/:id',
    {
      config: admins,
      schema: {
        tags,
        operationId: 'updateWebhook',
        summary: 'Change or re-enable a subscription',
        description: 'Re-enabling resumes delivery where it stopped: nothing that happened meanwhile is lost.',
        params: IdParams,
        body: ref(WebhookUpdateSchema),
        response: { 200: ref(WebhookSchema), ...errors(...WRITE_ERRORS, 404, 412) },
      },
    },
    async (request, reply) =>
      withETag(reply, await updateWebhook(db, changeContext(request), settings, request.params.id, request.body, expectedVersion(request))),
  )

  app.delete(
    '/webhooks/:id',
    {
      config: admins,
      schema: {
        tags,
        operationId: 'deleteWebhook',
        summary: 'End a subscription',
        description: 'Nothing more is delivered; its delivery log is deleted with it.',
        params: IdParams,
        response: { 204: { type: 'null', description: 'Deleted' }, ...errors(400, 401, 403, 404, 412) },
      },
    },
    async (request, reply) => {
      await deleteWebhook(db, changeContext(request), request.params.id, expectedVersion(request))
      return reply.code(204).send()
    },
  )

  await app.register(webhookActionRoutes, { db, settings })
}
