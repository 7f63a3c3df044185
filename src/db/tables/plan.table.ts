import type { ColumnType, Selectable } from 'kysely'
import type { Audited, Instant, Json, JsonDefault } from '../schema.js'

/** The plans of the documents: Single TAF Plan (001), Level 3 plan (002), contingency plan (004), multi-agency action plan (000). */
export const PLAN_KINDS = ['taf_plan', 'level_3_plan', 'contingency_plan', 'multi_agency_action_plan'] as const
export const PLAN_STATUSES = ['draft', 'signed_off'] as const
/** Why a version was made: the plan was made, reviewed, or took the agreement of a joint visit held after it. */
export const PLAN_VERSION_REASONS = ['created', 'review', 'joint_visit'] as const
export type PlanVersionReason = (typeof PLAN_VERSION_REASONS)[number]
export type PlanKind = (typeof PLAN_KINDS)[number]

/** What a plan says, kept whole in each version. */
export interface PlanContent {
  summary: string
  agreedAt: string
  agreedBy: string[]
  workingTogetherAgreement: string | null
  dangerStatements: string[]
  safetyGoals: string[]
}

export interface PlansTable extends Audited {
  id: string
  familyId: string
  teamId: string
  serviceRequestId: string
  allocationId: string | null
  kind: PlanKind
  status: ColumnType<(typeof PLAN_STATUSES)[number], (typeof PLAN_STATUSES)[number] | undefined, (typeof PLAN_STATUSES)[number]>
  currentVersion: ColumnType<number, number | undefined, number>
  content: Json<PlanContent>
  signedOff: JsonDefault<{ signedOffAt: string; signedOffBy: string } | null> | null
}

export interface PlanActionsTable {
  id: string
  planId: string
  what: string
  who: string
  dueOn: string
  doneAt: Date | null
  addedInVersion: number
  createdAt: Instant
}

/** A review of the plan; a TAF review (002) is recorded on the intervention too. */
export interface PlanReview {
  kind: 'review' | 'taf_review'
  heldAt: string
  heldBy: string
  attendees: string[]
  notes: string | null
  interventionId: string | null
}

export interface PlanVersionsTable {
  planId: string
  number: number
  reason: PlanVersionReason
  review: Json<PlanReview | null> | null
  snapshot: Json<Record<string, unknown>>
  createdAt: Instant
}

export type PlanRow = Selectable<PlansTable>
export type PlanActionRow = Selectable<PlanActionsTable>
export type PlanVersionRow = Selectable<PlanVersionsTable>
