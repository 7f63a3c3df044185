import type { Selectable } from 'kysely'
import type { Audited, Instant, Json } from '../schema.js'

/** Targeted Help's weekly multi-agency panel (001 §3) and TRT's weekly allocation meeting (000 §8). */
export const PANEL_KINDS = ['targeted_help_panel', 'allocation_meeting'] as const
/**
 * What a panel decided for a request: `allocated` to the named co-ordinator or practitioner (accepting it
 * first where it was still received), `accepted` to allocate later, `declined`, `returned`, or `deferred`
 * to a later meeting with no decision yet.
 */
export const PANEL_DECISIONS = ['allocated', 'accepted', 'declined', 'returned', 'deferred'] as const
export type PanelDecisionKind = (typeof PANEL_DECISIONS)[number]

export interface PanelsTable extends Audited {
  id: string
  teamId: string
  kind: (typeof PANEL_KINDS)[number]
  heldAt: Instant
  chairedBy: string
  attendees: Json<{ name: string; organisation: string }[]>
  minutesReference: string
}

export interface PanelDecisionsTable {
  id: string
  panelId: string
  serviceRequestId: string
  decision: PanelDecisionKind
  practitionerId: string | null
  allocationId: string | null
  reason: string | null
  createdAt: Instant
}

export type PanelRow = Selectable<PanelsTable>
export type PanelDecisionRow = Selectable<PanelDecisionsTable>
