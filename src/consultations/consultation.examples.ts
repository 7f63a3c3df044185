/** Examples of the consultation schemas, for the reference page and the SDK (validated against their schemas by a test). */
import { FAMILY, REQUEST, TEAM } from '../schema/example-ids.js'
import { clockExample } from '../sla-clocks/sla-clock.examples.js'

const CONSULTATION = '0193b1d7-3c4d-7e5f-8a6b-7c8d9e0f1a2b'
const SPECIALIST = '0193b1d2-0000-7000-8000-000000000003'

export const consultationCreate = {
  familyId: FAMILY,
  teamId: TEAM,
  serviceRequestId: REQUEST,
  practitionerId: SPECIALIST,
  specialism: 'mental_health',
  heldAt: '2027-01-06T13:00:00Z',
  attendees: ['Dr Ruth Evans (CAMHS)', 'Jo Patel', 'Ana Morris'],
  summary: 'Sam’s anxiety about school in the mornings; what the family and school can do before a CAMHS referral',
}

export const consultationRecord = {
  recordedAt: '2027-01-07T10:00:00Z',
  recommendations: 'A gradual morning plan agreed with school; worry-time exercises at home; review in six weeks before any CAMHS referral',
}

export const consultation = {
  id: CONSULTATION,
  ...consultationCreate,
  heldAt: '2027-01-06T13:00:00.000Z',
  ...consultationRecord,
  recordedAt: '2027-01-07T10:00:00.000Z',
  supervisorDiscussedAt: null,
  supervisorNotes: null,
  status: 'recorded',
  sla: {
    asOf: '2027-01-08T09:00:00.000Z',
    status: 'on_track',
    clocks: [
      clockExample({
        id: '0193b1d7-3c4e-7000-8000-000000000001',
        standard: 'consultation-recorded',
        title: 'Record the consultation within 2 working days',
        target: { amount: 2, unit: 'working_days' },
        subjectType: 'consultation',
        subjectId: CONSULTATION,
        startedAt: '2027-01-06T13:00:00.000Z',
        dueDate: '2027-01-08',
        dueAt: '2027-01-08T23:59:59.999Z',
        completedAt: '2027-01-07T10:00:00.000Z',
        status: 'met',
        workingDaysElapsed: 1,
        workingDaysRemaining: 1,
      }),
      clockExample({
        id: '0193b1d7-3c4e-7000-8000-000000000002',
        standard: 'supervisor-discussion',
        title: "Discuss the consultation's recommendations with a supervisor within 2 working days",
        target: { amount: 2, unit: 'working_days' },
        subjectType: 'consultation',
        subjectId: CONSULTATION,
        startedAt: '2027-01-07T10:00:00.000Z',
        dueDate: '2027-01-11',
        dueAt: '2027-01-11T23:59:59.999Z',
        status: 'on_track',
        workingDaysElapsed: 1,
        workingDaysRemaining: 1,
      }),
    ],
  },
  createdAt: '2027-01-06T14:20:11.532Z',
  updatedAt: '2027-01-07T10:03:27.880Z',
  version: 2,
}

export const CONSULTATION_EXAMPLES: Record<string, unknown> = {
  ConsultationCreate: consultationCreate,
  Consultation: consultation,
  ConsultationPage: { items: [consultation], nextCursor: null },
  ConsultationRecord: consultationRecord,
  SupervisorDiscussion: {
    discussedAt: '2027-01-11T11:00:00Z',
    notes: 'Priya Shah agreed the recommendations; Ana to share the morning plan with school this week',
  },
}
