/**
 * Realistic examples for every request and response body, shown by the reference page, used to fill its
 * "Try it out" forms and read by the SDK's users. Each module keeps its own in its `*.examples.ts`, one
 * worked case throughout (the ids in schema/example-ids.ts). test/contract/examples.test.ts checks that
 * every operation's bodies have one and that each is valid against its schema.
 */
import { ALLOCATION_EXAMPLES } from './allocations/allocation.examples.js'
import { API_KEY_EXAMPLES } from './api-keys/api-key.examples.js'
import { ASSESSMENT_EXAMPLES } from './assessments/assessment.examples.js'
import { AUDIT_EXAMPLES } from './audit/audit.examples.js'
import { BREACH_EXAMPLES } from './breaches/breach.examples.js'
import { CALENDAR_EXAMPLES } from './calendars/calendar.examples.js'
import { CASELOAD_EXAMPLES } from './caseload/caseload.examples.js'
import { CONSENT_EXAMPLES } from './consents/consent.examples.js'
import { CONSULTATION_EXAMPLES } from './consultations/consultation.examples.js'
import { CORRECTION_EXAMPLES } from './corrections/correction.examples.js'
import { ESCALATION_EXAMPLES } from './escalations/escalation.examples.js'
import { EVENT_EXAMPLES } from './events/event.examples.js'
import { FAMILY_EXAMPLES } from './families/family.examples.js'
import { HEALTH_EXAMPLES } from './health/health.examples.js'
import { IMPORT_EXAMPLES } from './imports/import.examples.js'
import { CONTACT_EXAMPLES } from './interventions/contact.examples.js'
import { INTERVENTION_EXAMPLES } from './interventions/intervention.examples.js'
import { INTERVENTION_STEPS_EXAMPLES } from './interventions/intervention-steps.examples.js'
import { OUTCOME_SCORE_EXAMPLES } from './interventions/outcome-score.examples.js'
import { OUTCOME_MEASURE_EXAMPLES } from './outcome-measures/outcome-measure.examples.js'
import { PANEL_EXAMPLES } from './panels/panel.examples.js'
import { PLAN_EXAMPLES } from './plans/plan.examples.js'
import { PRACTITIONER_EXAMPLES } from './practitioners/practitioner.examples.js'
import { TREND_EXAMPLES } from './reports/breach-trend.examples.js'
import { OUTCOME_REPORT_EXAMPLES } from './reports/outcome-report.examples.js'
import { SERVICE_REQUEST_EXAMPLES } from './service-requests/service-request.examples.js'
import { SERVICE_STANDARD_EXAMPLES } from './service-standards/service-standard.examples.js'
import { STANDARD_EXAMPLES } from './sla/standard.examples.js'
import { SLA_CLOCK_EXAMPLES } from './sla-clocks/sla-clock.examples.js'
import { SUPERVISION_EXAMPLES } from './supervision/supervision.examples.js'
import { TEAM_EXAMPLES } from './teams/team.examples.js'
import { TIMELINE_EXAMPLES } from './timeline/timeline.examples.js'
import { WEBHOOK_EXAMPLES } from './webhooks/webhook.examples.js'

export const SCHEMA_EXAMPLES: Record<string, unknown> = {
  Problem: {
    type: '/problems/validation-error',
    title: 'The request is not valid',
    status: 400,
    detail: 'members[0].dateOfBirth: must match format "date"',
    instance: '/families',
    requestId: '6f1c2e1a-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
    errors: [{ in: 'body', field: 'members[0].dateOfBirth', message: 'must match format "date"' }],
  },
  ...IMPORT_EXAMPLES,
  ...ALLOCATION_EXAMPLES,
  ...API_KEY_EXAMPLES,
  ...ASSESSMENT_EXAMPLES,
  ...AUDIT_EXAMPLES,
  ...BREACH_EXAMPLES,
  ...CALENDAR_EXAMPLES,
  ...CASELOAD_EXAMPLES,
  ...CONSENT_EXAMPLES,
  ...CONSULTATION_EXAMPLES,
  ...CORRECTION_EXAMPLES,
  ...ESCALATION_EXAMPLES,
  ...EVENT_EXAMPLES,
  ...FAMILY_EXAMPLES,
  ...HEALTH_EXAMPLES,
  ...CONTACT_EXAMPLES,
  ...INTERVENTION_STEPS_EXAMPLES,
  ...INTERVENTION_EXAMPLES,
  ...OUTCOME_SCORE_EXAMPLES,
  ...OUTCOME_MEASURE_EXAMPLES,
  ...PANEL_EXAMPLES,
  ...PLAN_EXAMPLES,
  ...PRACTITIONER_EXAMPLES,
  ...OUTCOME_REPORT_EXAMPLES,
  ...SERVICE_REQUEST_EXAMPLES,
  ...SERVICE_STANDARD_EXAMPLES,
  ...SLA_CLOCK_EXAMPLES,
  ...STANDARD_EXAMPLES,
  ...SUPERVISION_EXAMPLES,
  ...TEAM_EXAMPLES,
  ...TIMELINE_EXAMPLES,
  ...WEBHOOK_EXAMPLES,
  ...TREND_EXAMPLES,
}

/** Adds each example to its component schema (JSON Schema `examples`). */
export function withSchemaExamples<T extends { components?: { schemas?: Record<string, object> } }>(document: T): T {
  const schemas = document.components?.schemas
  if (!schemas) return document
  for (const [id, example] of Object.entries(SCHEMA_EXAMPLES)) {
    if (schemas[id]) schemas[id] = { ...schemas[id], examples: [example] }
  }
  return document
}
