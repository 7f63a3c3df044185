import type { ColumnType, Selectable } from 'kysely'
import type { Role } from '../context.js'
import type { PresetId } from '../sla/preset-ids.js'
import type { AllocationsTable } from './tables/allocation.table.js'
import type { AssessmentsTable } from './tables/assessment.table.js'
import type { AuditReadsTable } from './tables/audit.table.js'
import type { BankHolidayImportsTable, CalendarClosuresTable, CalendarsTable, OfficialBankHolidaysTable } from './tables/calendar.table.js'
import type { ConsentsTable } from './tables/consent.table.js'
import type { ConsultationsTable } from './tables/consultation.table.js'
import type { EscalationsTable } from './tables/escalation.table.js'
import type { EventsTable } from './tables/event.table.js'
import type { FamiliesTable } from './tables/family.table.js'
import type { ImportResultsTable, ImportsTable } from './tables/import.table.js'
import type { InterventionContactsTable, InterventionOutcomeMeasuresTable, InterventionsTable, OutcomeScoresTable } from './tables/intervention.table.js'
import type { PanelDecisionsTable, PanelsTable } from './tables/panel.table.js'
import type { PlanActionsTable, PlansTable, PlanVersionsTable } from './tables/plan.table.js'
import type { PractitionersTable } from './tables/practitioner.table.js'
import type { RecordCorrectionsTable } from './tables/record-correction.table.js'
import type { ServiceRequestsTable } from './tables/service-request.table.js'
import type { SlaClockPausesTable, SlaClocksTable, SlaVerdictCountsTable } from './tables/sla-clock.table.js'
import type { SupervisionRecordsTable } from './tables/supervision.table.js'
import type { WebhookDeliveriesTable, WebhookSubscriptionsTable } from './tables/webhook.table.js'

export type { CalendarRow } from './tables/calendar.table.js'
export type { EventsTable } from './tables/event.table.js'
export type { SlaClockPausesTable, SlaClockRow, SlaClocksTable } from './tables/sla-clock.table.js'

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
  /** The transaction of the change the key guards (null: claimed after a change made outside one). */
  changeTx: ColumnType<string | null, string | null | undefined, string | null>
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
  recordCorrections: RecordCorrectionsTable
  escalations: EscalationsTable
  auditReads: AuditReadsTable
  webhookSubscriptions: WebhookSubscriptionsTable
  webhookDeliveries: WebhookDeliveriesTable
  slaClocks: SlaClocksTable
  slaClockPauses: SlaClockPausesTable
  slaVerdictCounts: SlaVerdictCountsTable
  calendars: CalendarsTable
  calendarClosures: CalendarClosuresTable
  officialBankHolidays: OfficialBankHolidaysTable
  bankHolidayImports: BankHolidayImportsTable
  teams: TeamsTable
  apiKeys: ApiKeysTable
  externalRefs: ExternalRefsTable
  idempotencyKeys: IdempotencyKeysTable
  events: EventsTable
  consents: ConsentsTable
  plans: PlansTable
  planActions: PlanActionsTable
  planVersions: PlanVersionsTable
  supervisionRecords: SupervisionRecordsTable
  panels: PanelsTable
  panelDecisions: PanelDecisionsTable
  assessments: AssessmentsTable
  imports: ImportsTable
  importResults: ImportResultsTable
}

export type TeamRow = Selectable<TeamsTable>
export type ApiKeyRow = Selectable<ApiKeysTable>
