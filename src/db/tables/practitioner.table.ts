import type { ColumnType, Selectable } from 'kysely'
import type { Audited } from '../schema.js'

export const PRACTITIONER_ROLES = ['practitioner', 'senior_practitioner', 'team_manager', 'specialist'] as const
export const SPECIALISMS = ['mental_health', 'substance_misuse', 'domestic_abuse', 'sexual_exploitation'] as const

export interface PractitionersTable extends Audited {
  id: string
  teamId: string
  name: string
  email: string | null
  role: (typeof PRACTITIONER_ROLES)[number]
  specialism: (typeof SPECIALISMS)[number] | null
  caseloadCapacity: number
  active: ColumnType<boolean, boolean | undefined, boolean>
}

export type PractitionerRow = Selectable<PractitionersTable>
