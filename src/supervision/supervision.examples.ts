/** Examples of the supervision schemas, for the reference page and the SDK (validated against their schemas by a test). */
import { PRACTITIONER, TEAM } from '../schema/example-ids.js'
import { clockEntryExample } from '../sla-clocks/sla-clock.examples.js'

const practitionerClock = {
  subjectType: 'practitioner',
  subjectId: PRACTITIONER,
  familyId: null,
  teamId: TEAM,
  practitionerId: PRACTITIONER,
  serviceRequestId: null,
  status: 'on_track',
}
const caseSupervisionClock = clockEntryExample({
  ...practitionerClock,
  id: '0193b1df-0000-7000-8000-000000000001',
  standard: 'case-supervision',
  title: "Hold the practitioner's case supervision within a month of the last",
  target: { amount: 1, unit: 'months' },
  startedAt: '2027-01-08T14:00:00.000Z',
  dueDate: '2027-02-08',
  dueAt: '2027-02-08T23:59:59.999Z',
  workingDaysElapsed: 16,
  workingDaysRemaining: 5,
})
const observationClock = clockEntryExample({
  ...practitionerClock,
  id: '0193b1df-0000-7000-8000-000000000002',
  standard: 'practice-observation',
  title: 'Observe the practitioner’s direct work every 6 months',
  target: { amount: 6, unit: 'months' },
  startedAt: '2026-09-15T10:00:00.000Z',
  dueDate: '2027-03-15',
  dueAt: '2027-03-15T23:59:59.999Z',
  workingDaysElapsed: 96,
  workingDaysRemaining: 30,
})

export const supervisionRecordCreate = {
  kind: 'case_supervision',
  heldAt: '2027-01-08T14:00:00Z',
  supervisor: 'Priya Shah',
  notes: 'Caseload of 7 reviewed; the Okafor family’s plan agreed; Ana to book the practice observation for February',
}

export const SUPERVISION_EXAMPLES: Record<string, unknown> = {
  SupervisionRecordCreate: supervisionRecordCreate,
  SupervisionRecord: {
    id: '0193b1df-1111-7000-8000-000000000001',
    practitionerId: PRACTITIONER,
    teamId: TEAM,
    ...supervisionRecordCreate,
    heldAt: '2027-01-08T14:00:00.000Z',
    clinicalSupervisor: null,
    createdAt: '2027-01-08T15:30:22.415Z',
  },
  SupervisionView: {
    practitionerId: PRACTITIONER,
    name: 'Ana Morris',
    role: 'senior_practitioner',
    asOf: '2027-02-01T09:00:00.000Z',
    kinds: [
      {
        kind: 'case_supervision',
        standard: 'case-supervision',
        lastHeldAt: '2027-01-08T14:00:00.000Z',
        lastSupervisor: 'Priya Shah',
        held: 5,
        clock: caseSupervisionClock,
      },
      {
        kind: 'practice_observation',
        standard: 'practice-observation',
        lastHeldAt: '2026-09-15T10:00:00.000Z',
        lastSupervisor: 'Priya Shah',
        held: 1,
        clock: observationClock,
      },
    ],
    due: [caseSupervisionClock, observationClock],
    overdue: [],
  },
}
