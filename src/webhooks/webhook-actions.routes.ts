import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Db } from '../db/database.js'
import { changeContext } from '../http/context.js'
import { errors, READ_ERRORS, WRITE_ERRORS } from '../http/responses.js'
import { IdParams } from '../http/schemas.js'
import { expectedVersion, withETag } from '../http/versioning.js'
import { ref } from '../schema/helpers.js'
import {
  DeliveryListQuery,
  SecretRotationSchema,
  WebhookDeliveryPageSchema,
  WebhookReplaySchema,
  WebhookSchema,
  WebhookTestResultSchema,
} from './webhook.schemas.js'
import { listWebhookDeliveries, replayWebhook, rotateWebhookSecret } from './webhook-actions.service.js'
import { createWebhookClient } from './webhook-client.js'
import { pingWebhook } from './webhook-ping.service.js'
import type { WebhookSettings } from './webhook-settings.js'

/** What is done to a subscription beyond editing it: rotate, ping, replay, and its delivery log. */
export const webhookActionRoutes: FastifyPluginAsyncTypebox<{ db: Db; settings: WebhookSettings }> = async (app, { db, settings }) => {
  const tags = ['Webhooks']
  const admins = { access: [] as const }
  const client = createWebhookClient(settings)
  app.addHook('onClose', () => client.close())

  app.post(
    '/webhooks/:id/rotate-secret',
    {
      config: admins,
      schema: {
        tags,
        operationId: 'rotateWebhookSecret',
        summary: 'Rotate the signing secret',
        description: 'Returns the new secret once; both sign deliveries until the old one expires.',
        params: IdParams,
        body: ref(SecretRotationSchema),
        response: { 200: ref(WebhookSchema), ...errors(...WRITE_ERRORS, 404, 412, 503) },
      },
    },
    async (request, reply) =>
      withETag(reply, await rotateWebhookSecret(db, changeContext(request), settings, request.params.id, request.body, expectedVersion(request))),
  )

  app.post(
    '/webhooks/:id/test',
    {
      config: admins,
      schema: {
        tags,
        operationId: 'testWebhook',
        summary: 'Send a signed ping',
        description:
          'Sends a `webhook.ping`, signed like every delivery, to the subscription’s URL now, and returns how the receiver answered. Works on a disabled subscription too.',
        params: IdParams,
        response: { 200: ref(WebhookTestResultSchema), ...errors(...READ_ERRORS, 404, 422, 503) },
      },
    },
    async (request) => pingWebhook(db, request.caller, settings, client, request.params.id),
  )

  app.post(
    '/webhooks/:id/replay',
    {
      config: admins,
      schema: {
        tags,
        operationId: 'replayWebhook',
        summary: 'Deliver again from a feed position',
        description:
          'Moves the subscription back to `from`: the events from there on that it subscribes to are delivered again, in order, with their original webhook-id. Attempts still being retried are marked skipped.',
        params: IdParams,
        body: ref(WebhookReplaySchema),
        response: { 200: ref(WebhookSchema), ...errors(...WRITE_ERRORS, 404, 412) },
      },
    },
    async (request, reply) => withETag(reply, await replayWebhook(db, changeContext(request), request.params.id, request.body, expectedVersion(request))),
  )

  app.get(
    '/webhooks/:id/deliveries',
    {
      config: admins,
      schema: {
        tags,
        operationId: 'listWebhookDeliveries',
        summary: 'The delivery log of a subscription',
        description: 'Each delivery with every attempt: when, the HTTP status or error, how long it took. Oldest first.',
        params: IdParams,
        querystring: DeliveryListQuery,
        response: { 200: ref(WebhookDeliveryPageSchema), ...errors(...READ_ERRORS, 404) },
      },
    },
    async (request) => listWebhookDeliveries(db, request.caller, request.params.id, request.query),
  )
}
