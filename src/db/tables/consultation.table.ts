import type { ColumnType, Selectable } from 'kysely'
import type { Audited, Instant, Json } from '../schema.js'
import type { SPECIALISMS } from './practitioner.table.js'

export const CONSULTATION_STATUSES = ['held', 'recorded', 'discussed'] as const

export interface ConsultationsTable extends Audited {
  id: string
  familyId: string
  teamId: string
  serviceRequestId: string | null
  practitionerId: string | null
  specialism: (typeof SPECIALISMS)[number] | null
  heldAt: Instant
  attendees: Json<string[]>
  summary: string | null
  recordedAt: Date | null
  recommendations: string | null
  supervisorDiscussedAt: Date | null
  supervisorNotes: string | null
  status: ColumnType<'held' | 'recorded' | 'discussed', 'held' | 'recorded' | 'discussed' | undefined, 'held' | 'recorded' | 'discussed'>
}

export type ConsultationRow = Selectable<ConsultationsTable>
