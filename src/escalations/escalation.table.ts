import type { ColumnType, Selectable } from 'kysely'
import type { Instant, Json } from '../db/schema.js'
import type { DISAGREEMENT_LEVELS, ESCALATION_KINDS, ESCALATION_STATUSES, STEP_UP_OUTCOMES } from './escalation.schemas.js'

export interface Step { level: (typeof DISAGREEMENT_LEVELS)[number]; at: string; by: string; notes: string | null }
export interface Person { name: string; role: string; organisation?: string; email?: string; phone?: string }
export interface Act { at: string; by: string | null; text: string | null }

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

declare module '../db/schema.js' {
  interface Database {
    escalations: EscalationsTable
  }
}

export type EscalationRow = Selectable<EscalationsTable>
