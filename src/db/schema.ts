import type { ColumnType, Generated, Selectable } from 'kysely'
import type { Division } from '../calendar/index.js'
import type { Role } from '../context.js'
import type { PresetId } from '../sla/preset-ids.js'
import type { AllocationsTable } from './tables/allocation.table.js'
import type { AuditReadsTable } from './tables/audit.table.js'
import type { ConsultationsTable } from './tables/consultation.table.js'
import type { EscalationsTable } from './tables/escalation.table.js'
import type { FamiliesTable } from './tables/family.table.js'
import type { InterventionContactsTable, InterventionOutcomeMeasuresTable, InterventionsTable, OutcomeScoresTable } from './tables/intervention.table.js'
import type { PractitionersTable } from './tables/practitioner.table.js'
import type { ServiceRequestsTable } from './tables/service-request.table.js'
import type { WebhookDeliveriesTable, WebhookSubscriptionsTable } from './tables/webhook.table.js'

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
  /** The writing transaction's id (xid8, as a decimal string); set by its default. */
  tx: ColumnType<string, never, never>
  /** What the SLA engine needs to replay a domain event: its subject's ancestors and where its work is filed. */
  parentSubjects: Json<{ type: string; id: string }[] | null> | null
  practitionerId: string | null
  serviceRequestId: string | null
  until: string | null
}

export interface CalendarsTable extends Audited {
  id: string
  name: string
  division: Division
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
  families: FamiliesTable
  practitioners: PractitionersTable
  serviceRequests: ServiceRequestsTable
  allocations: AllocationsTable
  consultations: ConsultationsTable
  interventions: InterventionsTable
  interventionContacts: InterventionContactsTable
  interventionOutcomeMeasures: InterventionOutcomeMeasuresTable
  outcomeScores: OutcomeScoresTable
  escalations: EscalationsTable
  auditReads: AuditReadsTable
  webhookSubscriptions: WebhookSubscriptionsTable
  webhookDeliveries: WebhookDeliveriesTable
  slaClocks: SlaClocksTable
  slaClockPauses: SlaClockPausesTable
  calendars: CalendarsTable
  calendarClosures: CalendarClosuresTable
  officialBankHolidays: OfficialBankHolidaysTable
  bankHolidayImports: BankHolidayImportsTable
  teams: TeamsTable
  apiKeys: ApiKeysTable
  externalRefs: ExternalRefsTable
  idempotencyKeys: IdempotencyKeysTable
  events: EventsTable
}

export type CalendarRow = Selectable<CalendarsTable>
export type SlaClockRow = Selectable<SlaClocksTable>
export type TeamRow = Selectable<TeamsTable>
export type ApiKeyRow = Selectable<ApiKeysTable>
