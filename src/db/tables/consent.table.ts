import type { Selectable } from 'kysely'
import type { Instant, Json } from '../schema.js'

export const CONSENT_DECISIONS = ['given', 'refused', 'withdrawn'] as const
/** What consent is for: sharing information about the family, and the service itself (000 §8; 004). */
export const CONSENT_SCOPES = ['sharing', 'service'] as const
/** Where the decision was obtained: with the request (000 §8, 001, 004) or at the initial visit (002). */
export const CONSENT_OBTAINED_AT = ['request', 'initial_visit', 'other'] as const

export type ConsentDecision = (typeof CONSENT_DECISIONS)[number]
export type ConsentScope = (typeof CONSENT_SCOPES)[number]

export interface ConsentsTable {
  id: string
  familyId: string
  teamId: string
  serviceRequestId: string | null
  allocationId: string | null
  decision: ConsentDecision
  scopes: Json<ConsentScope[]>
  givenBy: Json<{ name: string; relationship: string }>
  obtainedAt: (typeof CONSENT_OBTAINED_AT)[number]
  decidedAt: Instant
  recordedBy: string
  revisitOn: string | null
  notes: string | null
  createdAt: Instant
  createdByKeyId: string | null
}

export type ConsentRow = Selectable<ConsentsTable>
