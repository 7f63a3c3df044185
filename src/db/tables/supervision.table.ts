import type { Selectable } from 'kysely'
import type { Instant } from '../schema.js'

/**
 * The supervision a practitioner receives (000 §11, §11.1): case supervision, the specialist's quarterly
 * three-way meeting with their clinical supervisor, and the 6-monthly observation of practice.
 */
export const SUPERVISION_KINDS = ['case_supervision', 'clinical_supervision_meeting', 'practice_observation'] as const
export type SupervisionKind = (typeof SUPERVISION_KINDS)[number]

export interface SupervisionRecordsTable {
  id: string
  practitionerId: string
  teamId: string
  kind: SupervisionKind
  heldAt: Date
  supervisor: string
  clinicalSupervisor: string | null
  notes: string | null
  createdAt: Instant
  createdByKeyId: string | null
}

export type SupervisionRecordRow = Selectable<SupervisionRecordsTable>
