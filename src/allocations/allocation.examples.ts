/** Examples of the allocation schemas, for the reference page and the SDK (validated against their schemas by a test). */
import { ALLOCATION, FAMILY, PRACTITIONER, REQUEST, TEAM } from '../schema/example-ids.js'
import { clockExample } from '../sla-clocks/sla-clock.examples.js'

export const allocationCreate = {
  serviceRequestId: REQUEST,
  practitionerId: PRACTITIONER,
  allocatedAt: '2026-12-29T09:30:00Z',
  allocatedBy: 'Priya Shah',
}

export const caseDiscussionCreate = {
  heldAt: '2027-01-05T14:00:00Z',
  attendees: ['Ana Morris', 'Jo Patel'],
  notes: 'Agreed Ana leads on routines and attendance; Jo keeps the child in need plan and joins the first visit',
}

export const jointVisitCreate = {
  heldAt: '2027-01-08T10:00:00Z',
  workingTogetherAgreement: 'Alex agrees to walk Sam to school each morning and to phone school if he is unwell; Ana visits weekly',
  dangerStatements: ['We are worried that when mornings go wrong Sam misses school and breakfast, and falls behind and feels left out'],
  safetyGoals: ['Sam is up, fed and at school on time every school day'],
  notes: 'Sam and Alex seen at home with Jo Patel; Sam showed us his room and his routine chart',
}

export const allocation = {
  id: ALLOCATION,
  serviceRequestId: REQUEST,
  familyId: FAMILY,
  teamId: TEAM,
  practitionerId: PRACTITIONER,
  coWorkerIds: [],
  allocatedAt: '2026-12-29T09:30:00.000Z',
  allocatedBy: 'Priya Shah',
  overrideReason: null,
  status: 'active',
  caseDiscussion: { ...caseDiscussionCreate, heldAt: '2027-01-05T14:00:00.000Z' },
  jointVisit: null,
  initialVisit: null,
  planSignOff: null,
  endedAt: null,
  endedReason: null,
  sla: {
    asOf: '2027-01-06T09:00:00.000Z',
    status: 'on_track',
    clocks: [
      clockExample({
        id: '0193b1d6-0a1c-7000-8000-000000000001',
        standard: 'case-discussion',
        title: 'Hold a case discussion with the social worker within 5 working days of allocation',
        target: { amount: 5, unit: 'working_days' },
        subjectType: 'allocation',
        subjectId: ALLOCATION,
        startedAt: '2026-12-29T09:30:00.000Z',
        dueDate: '2027-01-06',
        dueAt: '2027-01-06T23:59:59.999Z',
        completedAt: '2027-01-05T14:00:00.000Z',
        status: 'met',
        workingDaysElapsed: 4,
        workingDaysRemaining: 1,
      }),
      clockExample({
        id: '0193b1d6-0a1c-7000-8000-000000000002',
        standard: 'joint-visit',
        title: 'Make a joint visit with the social worker within 10 working days of allocation',
        target: { amount: 10, unit: 'working_days' },
        subjectType: 'allocation',
        subjectId: ALLOCATION,
        startedAt: '2026-12-29T09:30:00.000Z',
        dueDate: '2027-01-13',
        dueAt: '2027-01-13T23:59:59.999Z',
        status: 'on_track',
        workingDaysElapsed: 5,
        workingDaysRemaining: 5,
      }),
    ],
  },
  createdAt: '2026-12-29T09:30:02.941Z',
  updatedAt: '2027-01-05T15:12:40.003Z',
  version: 2,
}

export const ALLOCATION_EXAMPLES: Record<string, unknown> = {
  AllocationCreate: allocationCreate,
  Allocation: allocation,
  AllocationPage: { items: [allocation], nextCursor: null },
  CaseDiscussionCreate: caseDiscussionCreate,
  JointVisitCreate: jointVisitCreate,
  PlanSignOffCreate: { signedOffAt: '2027-01-22T16:00:00Z', signedOffBy: 'Priya Shah' },
  AllocationEnd: { endedAt: '2027-02-26T17:00:00Z', reason: 'Ana Morris moved to the Leeds South team; the family is to be allocated again' },
}
