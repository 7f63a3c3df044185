import { allocationSchemas } from './allocations/allocation.schemas.js'
import { apiKeySchemas } from './api-keys/api-key.schemas.js'
import { assessmentSchemas } from './assessments/assessment.schemas.js'
import { auditSchemas } from './audit/audit.schemas.js'
import { breachSchemas } from './breaches/breach.schemas.js'
import { calendarSchemas } from './calendars/calendar.schemas.js'
import { caseloadSchemas } from './caseload/caseload.schemas.js'
import { consentSchemas } from './consents/consent.schemas.js'
import { consultationSchemas } from './consultations/consultation.schemas.js'
import { correctionSchemas } from './corrections/correction.schemas.js'
import { escalationSchemas } from './escalations/escalation.schemas.js'
import { eventSchemas } from './events/event.schemas.js'
import { familySchemas } from './families/family.schemas.js'
import { sharedSchemas } from './http/schemas.js'
import { importSchemas } from './imports/import.schemas.js'
import { importStatusSchemas } from './imports/import-status.schemas.js'
import { interventionSchemas } from './interventions/intervention.schemas.js'
import { outcomeMeasureSchemas } from './outcome-measures/outcome-measure.schemas.js'
import { panelSchemas } from './panels/panel.schemas.js'
import { planSchemas } from './plans/plan.schemas.js'
import { practitionerSchemas } from './practitioners/practitioner.schemas.js'
import { breachTrendSchemas } from './reports/breach-trend.schemas.js'
import { outcomeReportSchemas } from './reports/outcome-report.schemas.js'
import { serviceRequestSchemas } from './service-requests/service-request.schemas.js'
import { StandardsPresetListSchema } from './service-standards/service-standard.schemas.js'
import { slaSchemas } from './sla/index.js'
import { slaClockSchemas } from './sla-clocks/sla-clock.schemas.js'
import { supervisionSchemas } from './supervision/supervision.schemas.js'
import { teamSchemas } from './teams/team.schemas.js'
import { timelineSchemas } from './timeline/timeline.schemas.js'
import { webhookSchemas } from './webhooks/webhook.schemas.js'

/** Every shared schema of the API, registered by `$id` before the routes that reference them (and by the import worker, which checks lines against them). */
export const apiSchemas: object[] = [
  ...sharedSchemas,
  ...slaSchemas,
  StandardsPresetListSchema,
  ...teamSchemas,
  ...apiKeySchemas,
  ...practitionerSchemas,
  ...familySchemas,
  ...calendarSchemas,
  ...consentSchemas,
  ...serviceRequestSchemas,
  ...allocationSchemas,
  ...consultationSchemas,
  ...planSchemas,
  ...panelSchemas,
  ...assessmentSchemas,
  ...timelineSchemas,
  ...breachSchemas,
  ...slaClockSchemas,
  ...supervisionSchemas,
  ...interventionSchemas,
  ...correctionSchemas,
  ...outcomeMeasureSchemas,
  ...outcomeReportSchemas,
  ...caseloadSchemas,
  ...escalationSchemas,
  ...eventSchemas,
  ...webhookSchemas,
  ...auditSchemas,
  ...importSchemas,
  ...importStatusSchemas,
  ...breachTrendSchemas,
]
