import type { ColumnType, Selectable } from 'kysely'
import type { Instant, Json } from '../schema.js'

/**
 * A signing secret; during rotation the old one stays valid until `expiresAt`. `sealed` is the secret
 * encrypted (secret-box.ts); `secret`, in clear, is only found in rows written before secrets were
 * sealed, and is sealed at the next start.
 */
export interface StoredSecret {
  sealed?: string
  secret?: string
  createdAt: string
  expiresAt: string | null
}
export interface Attempt {
  at: string
  statusCode: number | null
  error: string | null
  durationMs: number
}

export interface WebhookSubscriptionsTable {
  id: string
  name: string
  url: string
  eventTypes: Json<string[]>
  teamId: string | null
  secrets: Json<StoredSecret[]>
  status: 'active' | 'disabled'
  disabledReason: string | null
  disabledAt: Date | null
  consecutiveFailures: ColumnType<number, number | undefined, number>
  afterTx: ColumnType<string, string, string>
  afterEventId: number
  /** A failing subscription waits until then (backoff); a new or recovered one is due at once. */
  nextAttemptAt: ColumnType<Date, Date | string | undefined, Date | string>
  /** The delivery worker that holds the subscription, and until when (a dead one's claim lapses). */
  leaseOwner: string | null
  leaseUntil: Date | null
  version: ColumnType<number, number | undefined, number>
  createdAt: Instant
  updatedAt: Instant
  createdByKeyId: string | null
  updatedByKeyId: string | null
}

export interface WebhookDeliveriesTable {
  id: string
  subscriptionId: string
  eventId: number
  eventType: string
  status: 'pending' | 'delivered' | 'failed' | 'skipped'
  attempts: Json<Attempt[]>
  createdAt: Instant
  updatedAt: Instant
  deliveredAt: Date | null
}

export type WebhookSubscriptionRow = Selectable<WebhookSubscriptionsTable>
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>
