/** Examples of the webhook schemas, for the reference page and the SDK (validated against their schemas by a test). */
import { TEAM } from '../schema/example-ids.js'

const WEBHOOK = '0193b1e3-e8f9-7a0b-8c1d-2e3f4a5b6c7d'

export const webhookCreate = {
  name: 'Case system sync',
  url: 'https://integrations.example.org/family-work/events',
  eventTypes: ['service-request.accepted', 'allocation.created', 'intervention.ended', 'sla-clock.overdue'],
  teamId: TEAM,
}

/** As created: `secret` is shown this once (and again on rotation only). */
export const webhook = {
  id: WEBHOOK,
  ...webhookCreate,
  status: 'active',
  disabledReason: null,
  disabledAt: null,
  consecutiveFailures: 0,
  deliveredThrough: '884213-10533',
  signingSecrets: 1,
  secret: 'whsec_MfKQ9r8GKYqqvBMz0XyJ4Q7t2w1ZpL3sV6nE',
  createdAt: '2027-01-04T09:12:30.004Z',
  updatedAt: '2027-01-04T09:12:30.004Z',
  version: 1,
}

const { secret: _secret, ...webhookAsRead } = webhook

export const WEBHOOK_EXAMPLES: Record<string, unknown> = {
  WebhookCreate: webhookCreate,
  Webhook: webhook,
  WebhookPage: { items: [webhookAsRead], nextCursor: null },
  WebhookUpdate: { eventTypes: ['service-request.accepted', 'allocation.created', 'intervention.ended', 'sla-clock.overdue', 'sla-clock.due-date-moved'] },
  WebhookSecretRotation: { previousValidForHours: 24 },
  WebhookTestResult: {
    webhookId: 'ping_0193b1e3-f000-7000-8000-000000000001',
    delivered: true,
    statusCode: 204,
    error: null,
    durationMs: 183,
  },
  WebhookReplay: { from: '884213-10533' },
  WebhookDeliveryPage: {
    items: [
      {
        id: '0193b1e3-f001-7000-8000-000000000001',
        subscriptionId: WEBHOOK,
        eventId: 10533,
        eventType: 'service-request.accepted',
        position: '884213-10533',
        status: 'delivered',
        attempts: [
          { at: '2026-12-24T11:30:05.120Z', statusCode: 503, error: 'HTTP 503', durationMs: 2041 },
          { at: '2026-12-24T11:30:35.390Z', statusCode: 200, error: null, durationMs: 164 },
        ],
        createdAt: '2026-12-24T11:30:04.990Z',
        deliveredAt: '2026-12-24T11:30:35.554Z',
      },
    ],
    nextCursor: null,
  },
}
