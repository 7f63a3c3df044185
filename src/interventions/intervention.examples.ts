/** Examples of the intervention schemas, for the reference page and the SDK (validated against their schemas by a test). */
import { ALLOCATION, FAMILY, INTERVENTION, PRACTITIONER, REQUEST, TEAM } from '../schema/example-ids.js'
import { clockExample } from '../sla-clocks/sla-clock.examples.js'
import { auditCreate, meetingCreate } from './intervention-steps.examples.js'

export const interventionCreate = { allocationId: ALLOCATION, startedAt: '2027-01-11T10:00:00Z' }

/** Five weeks in: the first TAF meeting held, the first audit done, the measures chosen. */
export const intervention = {
  id: INTERVENTION,
  allocationId: ALLOCATION,
  serviceRequestId: REQUEST,
  familyId: FAMILY,
  teamId: TEAM,
  practitionerId: PRACTITIONER,
  startedAt: '2027-01-11T10:00:00.000Z',
  status: 'active',
  focus: 'Support with morning routines and school attendance',
  agreedOutcomes: ['Sam attends school every day', 'Mornings are calm and on time'],
  workingTogetherAgreement: 'Alex agrees to walk Sam to school each morning and to phone school if he is unwell; Ana visits weekly',
  dangerStatements: ['We are worried that when mornings go wrong Sam misses school and breakfast, and falls behind and feels left out'],
  safetyGoals: ['Sam is up, fed and at school on time every school day'],
  reviews: [],
  extendedUntil: null,
  consentExtension: null,
  consentUntil: '2027-04-10',
  audits: { first: { ...auditCreate, recordedAt: '2027-02-05T14:00:00.000Z' } },
  jointSupervisions: [],
  meetings: [{ ...meetingCreate, heldAt: '2027-01-12T11:00:00.000Z' }],
  fiveMonthCheck: null,
  suspensions: [],
  suspendedAt: null,
  durationException: null,
  endedAt: null,
  ending: null,
  missingScores: [],
  familyFeedback: [],
  followUpDueOn: null,
  baselineFollowUp: null,
  outcomeMeasures: [
    {
      measureId: 'family-child-enjoys-school',
      category: 'family',
      title: 'Child(ren) and young people feel they enjoy school',
      selectedBy: ['Ana Morris', 'Alex Okafor'],
      selectedAt: '2027-01-12T11:00:00.000Z',
    },
  ],
  sla: {
    asOf: '2027-02-15T09:00:00.000Z',
    status: 'on_track',
    clocks: [
      clockExample({
        id: '0193b1dc-9c0e-7000-8000-000000000001',
        standard: 'initial-review',
        title: 'Review the intervention within 12 weeks',
        target: { amount: 12, unit: 'weeks' },
        subjectType: 'intervention',
        subjectId: INTERVENTION,
        startedAt: '2027-01-11T10:00:00.000Z',
        dueDate: '2027-04-05',
        dueAt: '2027-04-05T22:59:59.999Z',
        status: 'on_track',
        workingDaysElapsed: 25,
        workingDaysRemaining: 33,
      }),
    ],
  },
  createdAt: '2027-01-11T10:01:55.310Z',
  updatedAt: '2027-02-05T14:02:12.774Z',
  version: 4,
}

export const INTERVENTION_EXAMPLES: Record<string, unknown> = {
  InterventionCreate: interventionCreate,
  Intervention: intervention,
  InterventionPage: { items: [intervention], nextCursor: null },
}
