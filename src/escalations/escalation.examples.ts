/** Examples of the escalation schemas, for the reference page and the SDK (validated against their schemas by a test). */
import { FAMILY, TEAM } from '../schema/example-ids.js'
import { clockExample } from '../sla-clocks/sla-clock.examples.js'

const ESCALATION = '0193b1e2-d6e7-7f80-9a1b-2c3d4e5f6a7b'

/** A professional disagreement about a threshold decision, at the first rung of the ladder. */
export const escalationCreate = {
  kind: 'disagreement',
  familyId: FAMILY,
  teamId: TEAM,
  raisedAt: '2027-02-01T10:00:00Z',
  raisedBy: 'Ana Morris',
  subject: 'Threshold decision: social care did not accept the step-up after Sam’s disclosure at school',
  level: 'senior_practitioner',
}

export const escalationStepCreate = {
  level: 'social_care_discussion',
  at: '2027-02-03T15:00:00Z',
  by: 'Priya Shah',
  notes: 'Not resolved between senior practitioners in 2 working days; raised with the social care team manager',
}

export const escalationAct = {
  at: '2027-02-04T12:00:00Z',
  by: 'Priya Shah',
  text: 'Social care agreed a strategy discussion; Jo Patel to arrange it this week',
}

export const escalation = {
  id: ESCALATION,
  kind: 'disagreement',
  familyId: FAMILY,
  teamId: TEAM,
  status: 'open',
  level: 'senior_practitioner',
  subject: escalationCreate.subject,
  raisedAt: '2027-02-01T10:00:00.000Z',
  raisedBy: 'Ana Morris',
  reason: null,
  leadProfessional: null,
  parentsInformed: null,
  parentsNotInformedReason: null,
  outcome: null,
  steps: [
    {
      level: 'senior_practitioner',
      at: '2027-02-01T10:00:00.000Z',
      by: 'Ana Morris',
      notes: 'Discussed with the social worker’s senior practitioner; no agreement',
    },
  ],
  raisedWithManager: null,
  hubContacts: [],
  writtenFollowUpAt: null,
  feedback: null,
  resolution: null,
  finalDecision: null,
  withdrawal: null,
  closedAt: null,
  sla: {
    asOf: '2027-02-02T09:00:00.000Z',
    status: 'on_track',
    clocks: [
      clockExample({
        id: '0193b1e2-d6e8-7000-8000-000000000001',
        standard: 'disagreement-step',
        title: 'Resolve a disagreement within 2 working days or raise it with the service manager',
        target: { amount: 2, unit: 'working_days' },
        subjectType: 'escalation',
        subjectId: ESCALATION,
        startedAt: '2027-02-01T10:00:00.000Z',
        dueDate: '2027-02-03',
        dueAt: '2027-02-03T23:59:59.999Z',
        status: 'on_track',
        workingDaysElapsed: 1,
        workingDaysRemaining: 1,
      }),
    ],
  },
  createdAt: '2027-02-01T10:04:18.336Z',
  updatedAt: '2027-02-01T10:04:18.336Z',
  version: 1,
}

export const ESCALATION_EXAMPLES: Record<string, unknown> = {
  EscalationCreate: escalationCreate,
  Escalation: escalation,
  EscalationPage: { items: [escalation], nextCursor: null },
  EscalationStepCreate: escalationStepCreate,
  EscalationActCreate: escalationAct,
  EscalationDecisionCreate: {
    at: '2027-02-05T16:00:00Z',
    by: 'Mark Lewis (service manager)',
    text: 'The step-up is accepted: a strategy discussion will be held and the family stays open to Targeted Response meanwhile',
  },
  StepUpOutcomeCreate: {
    outcome: 'accepted_by_social_care',
    at: '2027-02-08T14:00:00Z',
    notes: 'Allocated to a social worker in the Leeds North assessment team',
  },
  HubContactCreate: {
    method: 'phone',
    at: '2027-02-01T11:15:00Z',
    by: 'Ana Morris',
    parentsInformed: true,
  },
}
