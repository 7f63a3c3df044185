import type { Selectable } from 'kysely'
import type { Audited, Instant, Json } from '../schema.js'

/** The Early Help Assessment (004 §3.2) and the Level 3 assessment (002). */
export const ASSESSMENT_KINDS = ['early_help_assessment', 'level_3_assessment'] as const
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number]

/** What the completed assessment found, and with whom it was done. */
export interface AssessmentCompletion {
  completedAt: string
  completedBy: string
  /** Who took part: the family members and the agencies (002: "all family members and key agencies"). */
  participants: { name: string; role: string }[]
  childSeen: boolean
  childSeenOn: string | null
  familyViews: string
  needs: { area: string; description: string }[]
}

export interface AssessmentsTable extends Audited {
  id: string
  familyId: string
  teamId: string
  serviceRequestId: string
  allocationId: string
  kind: AssessmentKind
  model: string | null
  startedAt: Instant
  startedBy: string
  completed: Json<AssessmentCompletion | null> | null
}

export type AssessmentRow = Selectable<AssessmentsTable>
