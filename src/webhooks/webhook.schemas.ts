import { Type, type Static } from '@sinclair/typebox'
import { InstantOut, Nullable, Strict, StringEnum, Uuid } from '../http/schema-helpers.js'
import { Page, PageQuery } from '../http/schemas.js'
import { eventTypesDescription } from '../events/event-catalogue.js'

const EventTypes = Type.Array(Type.String({ pattern: '^(\\*|[a-z0-9.-]+)$', maxLength: 100 }), { minItems: 1, maxItems: 100, uniqueItems: true, description: `The event types to deliver, or ["*"] for all. ${eventTypesDescription}` })
const Url = Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000, description: 'Where deliveries are POSTed' })

export const WebhookCreateSchema = Strict(
  { name: Type.String({ minLength: 1, maxLength: 200 }), url: Url, eventTypes: EventTypes, teamId: Type.Optional(Uuid({ description: 'Only events of this team' })) },
  { $id: 'WebhookCreate' },
)
export const WebhookUpdateSchema = Strict(
  { name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), url: Type.Optional(Url), eventTypes: Type.Optional(EventTypes), status: Type.Optional(StringEnum(['active', 'disabled'] as const, { description: 'active re-enables a disabled subscription (its failures reset; events since are delivered)' })) },
  { $id: 'WebhookUpdate' },
)
export const SecretRotationSchema = Strict(
  { previousValidForHours: Type.Optional(Type.Integer({ minimum: 0, maximum: 168, description: 'How long the old secret keeps signing too (default 24)' })) },
  { $id: 'WebhookSecretRotation' },
)
export const WebhookSchema = Type.Object(
  {
    id: Uuid(), name: Type.String(), url: Type.String(), eventTypes: Type.Array(Type.String()), teamId: Nullable(Uuid()),
    status: StringEnum(['active', 'disabled'] as const), disabledReason: Nullable(Type.String()), disabledAt: Nullable(InstantOut()),
    consecutiveFailures: Type.Integer(),
    signingSecrets: Type.Integer({ description: 'How many secrets currently sign each delivery (2 during a rotation)' }),
    secret: Type.Optional(Type.String({ description: 'The signing secret (whsec_…), shown once: on creation and on rotation' })),
    createdAt: InstantOut(), updatedAt: InstantOut(), version: Type.Integer(),
  },
  { $id: 'Webhook', description: 'Deliveries are signed per Standard Webhooks: headers webhook-id, webhook-timestamp and webhook-signature (v1,<base64 HMAC-SHA256 of "id.timestamp.body">, one per valid secret, space-separated). Body: {type, timestamp, data: FeedEvent}. At least once: dedupe on webhook-id.' },
)
export const WebhookPageSchema = Page(Type.Unsafe<Static<typeof WebhookSchema>>(Type.Ref('Webhook')), 'WebhookPage')
export const WebhookDeliverySchema = Type.Object(
  {
    id: Uuid(), subscriptionId: Uuid(), eventId: Type.Integer(), eventType: Type.String(),
    status: StringEnum(['pending', 'delivered', 'failed', 'skipped'] as const),
    attempts: Type.Array(Type.Object({ at: InstantOut(), statusCode: Nullable(Type.Integer()), error: Nullable(Type.String()), durationMs: Type.Integer() })),
    createdAt: InstantOut(), deliveredAt: Nullable(InstantOut()),
  },
  { $id: 'WebhookDelivery' },
)
export const WebhookDeliveryPageSchema = Page(Type.Unsafe<Static<typeof WebhookDeliverySchema>>(Type.Ref('WebhookDelivery')), 'WebhookDeliveryPage')
export const WebhookListQuery = Strict({ ...PageQuery })
export const DeliveryListQuery = Strict({ ...PageQuery, status: Type.Optional(StringEnum(['pending', 'delivered', 'failed', 'skipped'] as const)) })

export type WebhookCreate = Static<typeof WebhookCreateSchema>
export type WebhookUpdate = Static<typeof WebhookUpdateSchema>
export const webhookSchemas = [WebhookCreateSchema, WebhookUpdateSchema, SecretRotationSchema, WebhookSchema, WebhookPageSchema, WebhookDeliverySchema, WebhookDeliveryPageSchema]
