import type { ColumnType, Generated, Selectable } from 'kysely'
import type { MEMBER_ROLES, PLANS } from '../families/family.schemas.js'
import type { Role } from '../http/auth.js'
import type { PRACTITIONER_ROLES, SPECIALISMS } from '../practitioners/practitioner.schemas.js'
import type { PresetId } from '../sla/preset-ids.js'

type Instant = ColumnType<Date, Date | string | undefined, Date | string>
type Version = ColumnType<number, number | undefined, number>
type Json<T> = ColumnType<T, string, string>

interface Audited {
  version: Version
  createdAt: Instant
  updatedAt: Instant
  createdByKeyId: string | null
  updatedByKeyId: string | null
}

export interface TeamsTable extends Audited {
  id: string
  name: string
  calendarId: string
  standardsPreset: PresetId
  caseloadCapacity: number
}

export interface ApiKeysTable extends Audited {
  id: string
  name: string
  role: Role
  teamId: string | null
  keyHash: string
  keyPrefix: string
  revokedAt: Date | null
}

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

export interface ExternalRefsTable {
  resourceType: string
  system: string
  value: string
  resourceId: string
}

export interface IdempotencyKeysTable {
  apiKeyId: string
  key: string
  requestHash: string
  responseStatus: number | null
  responseHeaders: Json<Record<string, string>> | null
  responseBody: string | null
  createdAt: Instant
  completedAt: Date | null
}

export interface EventsTable {
  id: Generated<number>
  type: string
  subjectType: string
  subjectId: string
  familyId: string | null
  teamId: string | null
  occurredAt: Instant
  recordedAt: Instant
  apiKeyId: string | null
  actingUser: string | null
  requestId: string | null
  data: Json<Record<string, unknown>>
}

export interface CalendarsTable extends Audited {
  id: string
  name: string
  division: 'england-and-wales' | 'scotland' | 'northern-ireland'
  builtIn: ColumnType<boolean, boolean | undefined, boolean>
  timeZone: ColumnType<string, string | undefined, string>
}

export interface CalendarClosuresTable {
  calendarId: string
  date: string
  title: string
}

export interface OfficialBankHolidaysTable {
  division: string
  date: string
  title: string
}

export interface BankHolidayImportsTable {
  id: string
  importedAt: Instant
  apiKeyId: string | null
  source: string
  coveredYears: Json<number[]>
  changes: Json<Record<string, unknown>>
}

export interface Database {
  calendars: CalendarsTable
  calendarClosures: CalendarClosuresTable
  officialBankHolidays: OfficialBankHolidaysTable
  bankHolidayImports: BankHolidayImportsTable
  teams: TeamsTable
  apiKeys: ApiKeysTable
  practitioners: PractitionersTable
  families: FamiliesTable
  externalRefs: ExternalRefsTable
  idempotencyKeys: IdempotencyKeysTable
  events: EventsTable
}

export type CalendarRow = Selectable<CalendarsTable>
export type TeamRow = Selectable<TeamsTable>
export type ApiKeyRow = Selectable<ApiKeysTable>
export type PractitionerRow = Selectable<PractitionersTable>
export type FamilyRow = Selectable<FamiliesTable>
