/** Examples of the plan schemas, for the reference page and the SDK (validated against their schemas by a test). */
import { ALLOCATION, FAMILY, REQUEST, TEAM } from '../schema/example-ids.js'
import { clockExample } from '../sla-clocks/sla-clock.examples.js'

const PLAN = '0193b1d9-1e2f-7a3b-8c4d-5e6f70819203'
const ACTION = '0193b1d9-1e30-7000-8000-000000000001'

const action = {
  id: ACTION,
  what: 'Sam attends the breakfast club every school day',
  who: 'Alex Okafor (parent)',
  dueOn: '2027-01-29',
  doneAt: null,
  addedInVersion: 1,
  sla: {
    asOf: '2027-01-13T09:00:00.000Z',
    status: 'on_track',
    clocks: [
      clockExample({
        id: '0193b1d9-1e31-7000-8000-000000000001',
        standard: 'plan-action',
        title: "Complete each action of the family's plan by its date",
        target: { amount: 0, unit: 'date_given' },
        subjectType: 'plan_action',
        subjectId: ACTION,
        startedAt: '2027-01-12T11:00:00.000Z',
        dueDate: '2027-01-29',
        dueAt: '2027-01-29T23:59:59.999Z',
        status: 'on_track',
        workingDaysElapsed: 1,
        workingDaysRemaining: 12,
      }),
    ],
  },
}

export const plan = {
  id: PLAN,
  familyId: FAMILY,
  teamId: TEAM,
  serviceRequestId: REQUEST,
  allocationId: ALLOCATION,
  kind: 'multi_agency_action_plan',
  status: 'draft',
  currentVersion: 1,
  summary: 'Calmer mornings and full school attendance for Sam',
  agreedAt: '2027-01-12T11:00:00.000Z',
  agreedBy: ['Alex Okafor (parent)', 'Ana Morris (family support worker)', 'Jo Patel (social worker)', 'Ms Green (school)'],
  workingTogetherAgreement: 'Alex agrees to walk Sam to school each morning and to phone school if he is unwell; Ana visits weekly',
  dangerStatements: ['We are worried that when mornings go wrong Sam misses school and breakfast, and falls behind and feels left out'],
  safetyGoals: ['Sam is up, fed and at school on time every school day'],
  signedOff: null,
  actions: [action],
  createdAt: '2027-01-12T11:04:37.215Z',
  updatedAt: '2027-01-12T11:04:37.215Z',
  version: 1,
}

export const planReviewCreate = {
  kind: 'taf_review',
  heldAt: '2027-03-09T10:00:00Z',
  heldBy: 'Ana Morris',
  attendees: ['Alex Okafor', 'Ana Morris', 'Jo Patel', 'Ms Green (school)'],
  notes: 'Attendance up from 78% to 94% this half term; breakfast club most days',
  addActions: [{ what: 'Meet the school nurse about Sam’s sleep', who: 'Alex Okafor (parent)', dueOn: '2027-03-26' }],
}

export const planVersion = {
  planId: PLAN,
  number: 1,
  reason: 'created',
  review: null,
  plan: {
    kind: plan.kind,
    status: plan.status,
    summary: plan.summary,
    agreedAt: plan.agreedAt,
    agreedBy: plan.agreedBy,
    workingTogetherAgreement: plan.workingTogetherAgreement,
    dangerStatements: plan.dangerStatements,
    safetyGoals: plan.safetyGoals,
    signedOff: null,
    actions: [{ id: ACTION, what: action.what, who: action.who, dueOn: action.dueOn, doneAt: null }],
  },
  createdAt: '2027-01-12T11:04:37.215Z',
}

export const PLAN_EXAMPLES: Record<string, unknown> = {
  Plan: plan,
  PlanPage: { items: [plan], nextCursor: null },
  PlanVersionList: { items: [planVersion] },
  PlanVersion: planVersion,
  PlanReviewCreate: planReviewCreate,
  PlanActionDone: { doneAt: '2027-01-25T08:45:00Z' },
  PlanSignOff: { signedOffAt: '2027-01-13T16:00:00Z', signedOffBy: 'Priya Shah' },
}
