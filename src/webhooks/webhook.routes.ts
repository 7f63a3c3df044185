import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Db } from '../db/database.js'
import { changeContext } from '../http/context.js'
import { decodeCursor, toPage } from '../http/pagination.js'
import { notFound } from '../http/problems.js'
import { READ_ERRORS, WRITE_ERRORS, errors } from '../http/responses.js'
import { ref } from '../http/schema-helpers.js'
import { IdParams } from '../http/schemas.js'
import { expectedVersion, withETag } from '../http/versioning.js'
import { DeliveryListQuery, SecretRotationSchema, WebhookCreateSchema, WebhookDeliveryPageSchema, WebhookListQuery, WebhookPageSchema, WebhookSchema, WebhookUpdateSchema } from './webhook.schemas.js'
import { createWebhook, presentWebhook, rotateWebhookSecret, updateWebhook } from './webhook.service.js'
import './webhook.table.js'

export const webhookRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['Webhooks']
  const admins = { access: [] as const }

  app.post('/webhooks', {
    config: admins,
    schema: { tags, operationId: 'createWebhook', summary: 'Subscribe a URL to events', description: 'The response carries the signing secret, shown once. Delivery starts with the events after now.', body: ref(WebhookCreateSchema), response: { 201: ref(WebhookSchema), ...errors(...WRITE_ERRORS, 422) } },
  }, async (request, reply) => {
    const webhook = await createWebhook(db, changeContext(request), request.body)
    reply.code(201).header('location', `/webhooks/${webhook.id}`)
    return withETag(reply, webhook)
  })

  app.get('/webhooks', {
    config: admins,
    schema: { tags, operationId: 'listWebhooks', summary: 'List webhook subscriptions', querystring: WebhookListQuery, response: { 200: ref(WebhookPageSchema), ...errors(...READ_ERRORS) } },
  }, async (request) => {
    const { limit = 50, cursor } = request.query
    const after = decodeCursor(cursor)
    let query = db.selectFrom('webhookSubscriptions').selectAll().orderBy('id').limit(limit + 1)
    if (after) query = query.where('id', '>', after)
    const page = toPage(await query.execute(), limit)
    return { ...page, items: page.items.map((w) => presentWebhook(w, request.server.clock())) }
  })

  app.get('/webhooks/:id', {
    config: admins,
    schema: { tags, operationId: 'getWebhook', summary: 'Read a webhook subscription', description: 'Says whether it is disabled, and why.', params: IdParams, response: { 200: ref(WebhookSchema), ...errors(...READ_ERRORS, 404) } },
  }, async (request, reply) => {
    const row = await db.selectFrom('webhookSubscriptions').selectAll().where('id', '=', request.params.id).executeTakeFirst()
    if (!row) throw notFound(`Webhook ${request.params.id}`)
    return withETag(reply, presentWebhook(row, request.server.clock()))
  })

  app.patch('/webhooks/:id', {
    config: admins,
    schema: { tags, operationId: 'updateWebhook', summary: 'Change or re-enable a subscription', params: IdParams, body: ref(WebhookUpdateSchema), response: { 200: ref(WebhookSchema), ...errors(...WRITE_ERRORS, 404, 412) } },
  }, async (request, reply) => withETag(reply, await updateWebhook(db, changeContext(request), request.params.id, request.body, expectedVersion(request))))

  app.post('/webhooks/:id/rotate-secret', {
    config: admins,
    schema: { tags, operationId: 'rotateWebhookSecret', summary: 'Rotate the signing secret', description: 'Returns the new secret once; both sign deliveries until the old one expires.', params: IdParams, body: ref(SecretRotationSchema), response: { 200: ref(WebhookSchema), ...errors(...WRITE_ERRORS, 404, 412) } },
  }, async (request, reply) => withETag(reply, await rotateWebhookSecret(db, changeContext(request), request.params.id, request.body.previousValidForHours ?? 24, expectedVersion(request))))

  app.get('/webhooks/:id/deliveries', {
    config: admins,
    schema: { tags, operationId: 'listWebhookDeliveries', summary: 'The delivery log of a subscription', description: 'Each delivery with every attempt: when, the HTTP status or error, how long it took. Newest last.', params: IdParams, querystring: DeliveryListQuery, response: { 200: ref(WebhookDeliveryPageSchema), ...errors(...READ_ERRORS, 404) } },
  }, async (request) => {
    const { limit = 50, cursor, status } = request.query
    if (!(await db.selectFrom('webhookSubscriptions').select('id').where('id', '=', request.params.id).executeTakeFirst())) throw notFound(`Webhook ${request.params.id}`)
    const after = decodeCursor(cursor)
    let query = db.selectFrom('webhookDeliveries').selectAll().where('subscriptionId', '=', request.params.id).orderBy('id').limit(limit + 1)
    if (after) query = query.where('id', '>', after)
    if (status) query = query.where('status', '=', status)
    return toPage(await query.execute(), limit)
  })
}
