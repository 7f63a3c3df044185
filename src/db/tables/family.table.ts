import type { Selectable } from 'kysely'
import type { Audited, Json } from '../schema.js'

export const MEMBER_ROLES = ['child', 'parent_carer', 'other_adult'] as const
export const PLANS = ['none', 'early_help', 'child_in_need', 'child_protection', 'looked_after'] as const

export interface FamilyMemberRow {
  id: string
  givenName: string
  familyName: string
  dateOfBirth?: string
  role: (typeof MEMBER_ROLES)[number]
}

export interface FamiliesTable extends Audited {
  id: string
  teamId: string
  reference: string
  tier: number
  plan: (typeof PLANS)[number]
  members: Json<FamilyMemberRow[]>
  address: Json<{ line1: string; line2?: string; town?: string; postcode: string } | null> | null
  leadProfessional: Json<{ name: string; role: string; organisation?: string; email?: string; phone?: string } | null> | null
}

export type FamilyRow = Selectable<FamiliesTable>
