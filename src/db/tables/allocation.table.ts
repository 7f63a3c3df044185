import type { ColumnType, Selectable } from 'kysely'
import type { Audited, Instant, Json } from '../schema.js'

export interface AllocationsTable extends Audited {
  id: string
  serviceRequestId: string
  familyId: string
  teamId: string
  practitionerId: string
  coWorkerIds: Json<string[]>
  allocatedAt: Instant
  allocatedBy: string | null
  overrideReason: string | null
  status: ColumnType<'active' | 'ended', 'active' | 'ended' | undefined, 'active' | 'ended'>
  caseDiscussion: Json<Record<string, unknown> | null> | null
  jointVisit: Json<Record<string, unknown> | null> | null
  initialVisit: Json<Record<string, unknown> | null> | null
  planSignOff: Json<Record<string, unknown> | null> | null
  endedAt: Date | null
  endedReason: string | null
}

export type AllocationRow = Selectable<AllocationsTable>
