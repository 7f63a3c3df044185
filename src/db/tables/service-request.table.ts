import type { ColumnType, Selectable } from 'kysely'
import type { Audited, Instant, Json } from '../schema.js'

export const REQUEST_KINDS = ['intervention', 'consultation'] as const
export const ROUTES = [
  'transfer_meeting',
  'resource_panel',
  'legal_gateway',
  'missing_exploitation_panel',
  'mase',
  'risk_management_panel',
  'casework_supervision',
  'safeguarding_hub',
  'panel',
  'step_down',
  'other',
] as const
export const REQUEST_STATUSES = ['received', 'accepted', 'allocated', 'ended', 'declined', 'returned', 'withdrawn'] as const
/** Statuses after which a request takes no more work. */
export const FINAL_STATUSES = ['ended', 'declined', 'returned', 'withdrawn'] as const
export const DECISIONS = ['accepted', 'declined', 'returned'] as const

export interface ServiceRequestsTable extends Audited {
  id: string
  familyId: string
  teamId: string
  kind: 'intervention' | 'consultation'
  route: (typeof ROUTES)[number]
  focus: string
  targetOutcomes: Json<string[]>
  requestedBy: Json<{ name: string; role: string; organisation?: string; email?: string; phone?: string }>
  /** A manager's reason to accept a request outside the preset's eligibility, with the rules it did not meet. */
  eligibilityOverride: Json<{ reason: string; rules: string[] } | null> | null
  consent: Json<{ given: boolean; recordedAt: string; recordedBy: string; givenBy?: { name: string; relationship: string } } | null>
  receivedAt: Instant
  status: 'received' | 'accepted' | 'allocated' | 'ended' | 'declined' | 'returned' | 'withdrawn'
  decision: Json<{ decision: 'accepted' | 'declined' | 'returned'; decidedAt: string; decidedBy: string; reason: string | null } | null> | null
  endedReason: string | null
  endedAt: Date | null
  /** The panel or allocation meeting that decided the request (001 §3; 000 §8), if one did. */
  panelId: ColumnType<string | null, string | null | undefined, string | null>
}

export type ServiceRequestRow = Selectable<ServiceRequestsTable>
