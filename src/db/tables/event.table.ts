import type { ColumnType, Generated } from 'kysely'
import type { Instant, Json } from '../schema.js'

/** The outbox: every change appends its domain events here, in the change's own transaction. */
export interface EventsTable {
  id: Generated<number>
  type: string
  subjectType: string
  subjectId: string
  familyId: string | null
  teamId: string | null
  occurredAt: Instant
  recordedAt: Instant
  apiKeyId: string | null
  actingUser: string | null
  requestId: string | null
  data: Json<Record<string, unknown>>
  /** The writing transaction's id (xid8, as a decimal string); set by its default. */
  tx: ColumnType<string, never, never>
  /** What the SLA engine needs to replay a domain event: its subject's ancestors and where its work is filed. */
  parentSubjects: Json<{ type: string; id: string }[] | null> | null
  practitionerId: string | null
  serviceRequestId: string | null
  until: string | null
}
