import type { Selectable } from 'kysely'
import type { Instant, Json } from '../schema.js'

export const CORRECTED_RECORD_TYPES = ['contact', 'outcome_score'] as const
export type CorrectedRecordType = (typeof CORRECTED_RECORD_TYPES)[number]

/** The version of a contact or score that a correction replaced, with who corrected it and why. */
export interface RecordCorrectionsTable {
  id: string
  recordType: CorrectedRecordType
  recordId: string
  teamId: string
  version: number
  previous: Json<Record<string, unknown>>
  correctedBy: string
  reason: string
  correctedAt: Instant
  createdByKeyId: string | null
}

export type RecordCorrectionRow = Selectable<RecordCorrectionsTable>
