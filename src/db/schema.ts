import type { ColumnType, Generated, Selectable } from 'kysely'
import type { MEMBER_ROLES, PLANS } from '../families/family.schemas.js'
import type { Role } from '../http/auth.js'
import type { PRACTITIONER_ROLES, SPECIALISMS } from '../practitioners/practitioner.schemas.js'
import type { PresetId } from '../sla/preset-ids.js'
import type { ROUTES } from '../service-requests/service-request.schemas.js'

/** Column types shared by every table (also the module-augmented tables of later resources). */
export type Instant = ColumnType<Date, Date | string | undefined, Date | string>
export type Version = ColumnType<number, number | undefined, number>
export type Json<T> = ColumnType<T, string, string>
/** A JSON column with a database default, so inserts may leave it out. */
export type JsonDefault<T> = ColumnType<T, string | undefined, string>

export interface Audited {
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
  /** What the SLA engine needs to replay a domain event: its subject's ancestors and where its work is filed. */
  parentSubjects: Json<{ type: string; id: string }[] | null> | null
  practitionerId: string | null
  serviceRequestId: string | null
  until: string | null
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

export interface ServiceRequestsTable extends Audited {
  id: string
  familyId: string
  teamId: string
  kind: 'intervention' | 'consultation'
  route: (typeof ROUTES)[number]
  focus: string
  targetOutcomes: Json<string[]>
  requestedBy: Json<{ name: string; role: string; organisation?: string; email?: string; phone?: string }>
  consent: Json<{ given: boolean; recordedAt: string; recordedBy: string } | null>
  receivedAt: Instant
  status: 'received' | 'accepted' | 'allocated' | 'ended' | 'declined' | 'returned' | 'withdrawn'
  decision: Json<{ decision: 'accepted' | 'declined' | 'returned'; decidedAt: string; decidedBy: string; reason: string | null } | null> | null
  endedReason: string | null
  endedAt: Date | null
}

export interface AllocationsTable extends Audited {
  id: string
  serviceRequestId: string
  familyId: string
  teamId: string
  practitionerId: string
  coWorkerIds: Json<string[]>
  allocatedAt: Instant
  allocatedBy: string | null
  overrideReason: string | null
  status: ColumnType<'active' | 'ended', 'active' | 'ended' | undefined, 'active' | 'ended'>
  caseDiscussion: Json<Record<string, unknown> | null> | null
  jointVisit: Json<Record<string, unknown> | null> | null
  initialVisit: Json<Record<string, unknown> | null> | null
  planSignOff: Json<Record<string, unknown> | null> | null
  endedAt: Date | null
  endedReason: string | null
}

export interface ConsultationsTable extends Audited {
  id: string
  familyId: string
  teamId: string
  serviceRequestId: string | null
  practitionerId: string | null
  specialism: (typeof SPECIALISMS)[number] | null
  heldAt: Instant
  attendees: Json<string[]>
  summary: string | null
  recordedAt: Date | null
  recommendations: string | null
  supervisorDiscussedAt: Date | null
  supervisorNotes: string | null
  status: ColumnType<'held' | 'recorded' | 'discussed', 'held' | 'recorded' | 'discussed' | undefined, 'held' | 'recorded' | 'discussed'>
}

export interface SlaClocksTable {
  id: string
  standardKey: string
  presetId: string
  title: string
  targetAmount: number
  targetUnit: 'working_days' | 'calendar_days' | 'weeks' | 'months' | 'hours' | 'same_day' | 'date_given'
  dueSoonWithin: number
  onBreach: string
  subjectType: string
  subjectId: string
  familyId: string
  teamId: string
  practitionerId: string | null
  serviceRequestId: string | null
  calendarId: string
  startedAt: Instant
  dueBy: string | null
  dueDate: string
  dueAt: Instant
  dueSoonAt: Instant
  /** When the current due instant was set (start, resume, calendar change): a breach is known from the later of this and dueAt. */
  scheduledAt: Instant
  completedAt: Date | null
  closedAt: Date | null
  pausedAt: Date | null
  pausedWorkingDays: ColumnType<number, number | undefined, number>
  lateReason: string | null
  breachActionedAt: Date | null
  overdueAnnouncedAt: Date | null
  version: Version
  createdAt: Instant
  updatedAt: Instant
}

export interface SlaClockPausesTable {
  clockId: string
  pausedAt: Instant
  resumedAt: Date | null
  workingDays: number | null
}

export interface Database {
  serviceRequests: ServiceRequestsTable
  allocations: AllocationsTable
  consultations: ConsultationsTable
  slaClocks: SlaClocksTable
  slaClockPauses: SlaClockPausesTable
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
export type ServiceRequestRow = Selectable<ServiceRequestsTable>
export type AllocationRow = Selectable<AllocationsTable>
export type ConsultationRow = Selectable<ConsultationsTable>
export type SlaClockRow = Selectable<SlaClocksTable>
export type TeamRow = Selectable<TeamsTable>
export type ApiKeyRow = Selectable<ApiKeysTable>
export type PractitionerRow = Selectable<PractitionersTable>
export type FamilyRow = Selectable<FamiliesTable>
