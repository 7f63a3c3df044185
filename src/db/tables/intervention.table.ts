import type { ColumnType, Selectable } from 'kysely'
import type { Audited, Instant, Json, JsonDefault } from '../schema.js'

export const INTERVENTION_STATUSES = ['active', 'suspended', 'ended'] as const
export type InterventionStatus = (typeof INTERVENTION_STATUSES)[number]
export type Entry = Record<string, unknown>

export interface InterventionsTable extends Audited {
  id: string
  allocationId: string
  serviceRequestId: string
  familyId: string
  teamId: string
  practitionerId: string
  startedAt: Instant
  status: ColumnType<InterventionStatus, InterventionStatus | undefined, InterventionStatus>
  focus: string
  agreedOutcomes: Json<string[]>
  reviews: JsonDefault<Entry[]>
  extendedUntil: ColumnType<string | null, string | null | undefined, string | null>
  consentExtension: JsonDefault<Entry | null> | null
  /** The date the family's consent runs to, where the team's service sets a consent period (000 §1). */
  consentUntil: ColumnType<string | null, string | null | undefined, string | null>
  audits: JsonDefault<Record<string, Entry>>
  jointSupervisions: JsonDefault<Entry[]>
  meetings: JsonDefault<Entry[]>
  fiveMonthCheck: JsonDefault<Entry | null> | null
  suspensions: JsonDefault<Entry[]>
  suspendedAt: Date | null
  durationException: JsonDefault<Entry | null> | null
  endedAt: Date | null
  ending: JsonDefault<Entry | null> | null
  followUpDueOn: ColumnType<string | null, string | null | undefined, string | null>
  baselineFollowUp: JsonDefault<Entry | null> | null
  /** What the family said about the work, at its end (000 §10). */
  familyFeedback: JsonDefault<Entry[]>
}

export interface InterventionContactsTable extends Audited {
  id: string
  interventionId: string
  familyId: string
  teamId: string
  practitionerId: string | null
  occurredAt: Instant
  /** Empty, with the write-up, until the contact is written up (000 §13). */
  recordedAt: Date | null
  durationMinutes: number
  location: string
  purpose: string
  present: Json<string[]>
  childSeenAlone: boolean
  voiceOfChild: string | null
  observations: string | null
  analysis: string | null
  actions: string | null
  nextContactAt: Date | null
}

export interface InterventionOutcomeMeasuresTable {
  interventionId: string
  measureId: string
  selectedBy: Json<string[]>
  selectedAt: Instant
  createdAt: Instant
  createdByKeyId: string | null
}

export interface OutcomeScoresTable extends Audited {
  id: string
  interventionId: string
  measureId: string
  phase: 'start' | 'review' | 'end'
  perspective: 'social_worker' | 'practitioner' | 'child' | 'parent_carer'
  score: number
  recordedAt: Instant
  notes: string | null
}

export type InterventionRow = Selectable<InterventionsTable>
export type ContactRow = Selectable<InterventionContactsTable>
export type OutcomeScoreRow = Selectable<OutcomeScoresTable>
export type SelectedMeasureRow = Selectable<InterventionOutcomeMeasuresTable>
