import type { ColumnType, Selectable } from 'kysely'
import type { Instant, Json } from '../schema.js'

export const ESCALATION_KINDS = ['disagreement', 'step_up', 'step_down', 'safeguarding_concern'] as const
export const ESCALATION_STATUSES = ['open', 'resolved', 'decided', 'withdrawn', 'completed'] as const
/**
 * The disagreement ladder of document 000 §15: raised by a practitioner with their senior practitioner,
 * discussed with social care's senior practitioner or team manager, then raised with the service manager
 * or head of service, whose final decision closes it.
 */
export const DISAGREEMENT_LEVELS = ['practitioner', 'senior_practitioner', 'social_care_discussion', 'service_manager'] as const
export const STEP_UP_OUTCOMES = [
  'advice_given',
  'discussed_at_action_meeting',
  'contact_to_safeguarding_hub',
  'accepted_by_social_care',
  'not_accepted',
] as const
export const HUB_CONTACT_METHODS = ['phone', 'writing'] as const

export interface Step {
  level: (typeof DISAGREEMENT_LEVELS)[number]
  at: string
  by: string
  notes: string | null
}
export interface Person {
  name: string
  role: string
  organisation?: string
  email?: string
  phone?: string
}
export interface Act {
  at: string
  by: string | null
  text: string | null
}

export interface EscalationsTable {
  id: string
  kind: (typeof ESCALATION_KINDS)[number]
  familyId: string
  teamId: string
  status: (typeof ESCALATION_STATUSES)[number]
  level: (typeof DISAGREEMENT_LEVELS)[number] | null
  subject: string | null
  raisedAt: Instant
  raisedBy: string
  reason: string | null
  /** For a safeguarding concern: whether the parents were told before the contact to social care (004 §2). */
  parentsInformed: boolean | null
  parentsNotInformedReason: string | null
  leadProfessional: Json<Person | null> | null
  outcome: Json<{ outcome: (typeof STEP_UP_OUTCOMES)[number]; at: string; notes: string | null } | null> | null
  steps: Json<Step[]>
  raisedWithManager: Json<Act | null> | null
  hubContacts: Json<{ at: string; method: 'phone' | 'writing'; by: string | null }[]>
  writtenFollowUpAt: Date | null
  feedback: Json<Act | null> | null
  resolution: Json<Act | null> | null
  finalDecision: Json<Act | null> | null
  withdrawal: Json<Act | null> | null
  closedAt: Date | null
  version: ColumnType<number, number | undefined, number>
  createdAt: Instant
  updatedAt: Instant
  createdByKeyId: string | null
  updatedByKeyId: string | null
}

export type EscalationRow = Selectable<EscalationsTable>
