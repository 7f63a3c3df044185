import { type Static, Type } from '@sinclair/typebox'
import { EVENT_CATALOGUE } from '../events/event-catalogue.js'
import { Page, PageQuery } from '../http/schemas.js'
import { InstantOut, Nullable, Strict, StringEnum, Uuid } from '../schema/helpers.js'

const EventTypes = Type.Array(StringEnum(['*', ...EVENT_CATALOGUE]), {
  minItems: 1,
  maxItems: 100,
  uniqueItems: true,
  description:
    'The event types to deliver, from the catalogue (see `FeedEvent.type`), or ["*"] for all. New types may be added to the catalogue; a type is never renamed.',
})
const Url = Type.String({
  format: 'uri',
  pattern: '^https?://',
  maxLength: 2000,
  description:
    'Where deliveries are POSTed. Refused: credentials in the URL, and hosts that are or resolve to loopback, link-local, private or unspecified addresses (unless the operator sets WEBHOOK_ALLOW_PRIVATE_TARGETS, which admits loopback and private ones). The address is checked again on every delivery; redirects are not followed.',
})
const Position = (description: string) => Type.String({ pattern: '^\\d{1,20}-\\d{1,20}$', description })

export const WebhookCreateSchema = Strict(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    url: Url,
    eventTypes: EventTypes,
    teamId: Type.Optional(Uuid({ description: "Only events of this team. A team-limited key's subscriptions always have its team." })),
  },
  { $id: 'WebhookCreate' },
)
export const WebhookUpdateSchema = Strict(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    url: Type.Optional(Url),
    eventTypes: Type.Optional(EventTypes),
    status: Type.Optional(
      StringEnum(['active', 'disabled'] as const, {
        description: 'active re-enables a disabled subscription: its failures reset and delivery resumes where it stopped',
      }),
    ),
  },
  { $id: 'WebhookUpdate' },
)
export const SecretRotationSchema = Strict(
  { previousValidForHours: Type.Optional(Type.Integer({ minimum: 0, maximum: 168, description: 'How long the old secret keeps signing too (default 24)' })) },
  { $id: 'WebhookSecretRotation' },
)
export const WebhookReplaySchema = Strict(
  {
    from: Position(
      'Deliver again from this position: the event at it (or the first after it) and everything after, in order. An event’s `position` from /events or the delivery log; not after what the subscription has already reached.',
    ),
  },
  { $id: 'WebhookReplay' },
)
export const WebhookSchema = Type.Object(
  {
    id: Uuid(),
    name: Type.String(),
    url: Type.String({ description: 'Never with credentials' }),
    eventTypes: Type.Array(Type.String()),
    teamId: Nullable(Uuid({ description: 'Only this team’s events are delivered; set for every subscription made with a team-limited key' })),
    status: StringEnum(['active', 'disabled'] as const),
    disabledReason: Nullable(Type.String()),
    disabledAt: Nullable(InstantOut()),
    consecutiveFailures: Type.Integer(),
    deliveredThrough: Position(
      'Every event up to this feed position has been delivered (or was not for this subscription); delivery goes on from the next one',
    ),
    signingSecrets: Type.Integer({ description: 'How many secrets currently sign each delivery (2 during a rotation)' }),
    secret: Type.Optional(Type.String({ description: 'The signing secret (whsec_…), shown once: on creation and on rotation' })),
    createdAt: InstantOut(),
    updatedAt: InstantOut(),
    version: Type.Integer(),
  },
  {
    $id: 'Webhook',
    description:
      'Deliveries are signed per Standard Webhooks: headers webhook-id, webhook-timestamp and webhook-signature (v1,<base64 HMAC-SHA256 of "id.timestamp.body">, one per valid secret, space-separated). ' +
      'Body: {type, timestamp, data: FeedEvent}. Each subscription receives its events in feed order, one at a time; a failure is retried with backoff before anything later is sent. ' +
      'At least once: dedupe on webhook-id (evt_<event id>, the same on every retry and replay).',
  },
)
export const WebhookPageSchema = Page(Type.Unsafe<Static<typeof WebhookSchema>>(Type.Ref('Webhook')), 'WebhookPage')
export const WebhookDeliverySchema = Type.Object(
  {
    id: Uuid(),
    subscriptionId: Uuid(),
    eventId: Type.Integer(),
    eventType: Type.String(),
    position: Nullable(Position('The event’s feed position, for a replay')),
    status: StringEnum(['pending', 'delivered', 'failed', 'skipped'] as const, {
      description:
        'pending: being retried; delivered; skipped: its retries were abandoned for a replay or a change of event types; failed: given up (before deliveries were ordered)',
    }),
    attempts: Type.Array(Type.Object({ at: InstantOut(), statusCode: Nullable(Type.Integer()), error: Nullable(Type.String()), durationMs: Type.Integer() })),
    createdAt: InstantOut(),
    deliveredAt: Nullable(InstantOut()),
  },
  { $id: 'WebhookDelivery' },
)
export const WebhookDeliveryPageSchema = Page(Type.Unsafe<Static<typeof WebhookDeliverySchema>>(Type.Ref('WebhookDelivery')), 'WebhookDeliveryPage')
export const WebhookTestResultSchema = Type.Object(
  {
    webhookId: Type.String({ description: 'The webhook-id header sent (ping_…)' }),
    delivered: Type.Boolean({ description: 'The receiver answered 2xx' }),
    statusCode: Nullable(Type.Integer()),
    error: Nullable(Type.String()),
    durationMs: Type.Integer(),
  },
  {
    $id: 'WebhookTestResult',
    description: 'The outcome of a signed ping: body {type: "webhook.ping", timestamp, data: {subscriptionId}}. Not logged, not retried.',
  },
)
export const WebhookListQuery = Strict({ ...PageQuery })
export const DeliveryListQuery = Strict({ ...PageQuery, status: Type.Optional(StringEnum(['pending', 'delivered', 'failed', 'skipped'] as const)) })

export type WebhookCreate = Static<typeof WebhookCreateSchema>
export type WebhookUpdate = Static<typeof WebhookUpdateSchema>
export type SecretRotation = Static<typeof SecretRotationSchema>
export type WebhookReplay = Static<typeof WebhookReplaySchema>
export type WebhookListFilters = Static<typeof WebhookListQuery>
export type DeliveryListFilters = Static<typeof DeliveryListQuery>
export const webhookSchemas = [
  WebhookCreateSchema,
  WebhookUpdateSchema,
  SecretRotationSchema,
  WebhookReplaySchema,
  WebhookSchema,
  WebhookPageSchema,
  WebhookDeliverySchema,
  WebhookDeliveryPageSchema,
  WebhookTestResultSchema,
]
