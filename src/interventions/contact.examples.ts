/** Examples of the contact (case recording) schemas, for the reference page and the SDK (validated against their schemas by a test). */
import { FAMILY, INTERVENTION, PRACTITIONER, TEAM } from '../schema/example-ids.js'
import { clockExample } from '../sla-clocks/sla-clock.examples.js'

const CONTACT = '0193b1dd-b2c3-7d4e-8f50-61728394a5b6'

const writeUp = {
  voiceOfChild: 'Sam said mornings are “less shouty” and he liked having toast at breakfast club with Leo',
  observations: 'Sam ready in uniform at 8.15; routine chart on the fridge with this week’s ticks; Alex calm and joking with Sam',
  analysis: 'The routine is holding on school days; Mondays are still hard after weekends at his dad’s',
  actions: 'Ana to talk with Alex and Sam’s dad about Sunday bedtimes; next visit Tuesday',
}

export const contactCreate = {
  occurredAt: '2027-02-09T08:00:00Z',
  recordedAt: '2027-02-10T12:00:00Z',
  durationMinutes: 45,
  location: 'Family home',
  purpose: 'Weekly home visit: the morning routine',
  present: ['Alex Okafor', 'Sam Okafor', 'Ana Morris'],
  childSeenAlone: true,
  ...writeUp,
  nextContactAt: '2027-02-16T08:00:00Z',
}

export const contact = {
  id: CONTACT,
  interventionId: INTERVENTION,
  familyId: FAMILY,
  teamId: TEAM,
  practitionerId: PRACTITIONER,
  ...contactCreate,
  occurredAt: '2027-02-09T08:00:00.000Z',
  recordedAt: '2027-02-10T12:00:00.000Z',
  nextContactAt: '2027-02-16T08:00:00.000Z',
  sla: {
    asOf: '2027-02-10T12:00:00.000Z',
    status: 'met',
    clocks: [
      clockExample({
        id: '0193b1dd-b2c4-7000-8000-000000000001',
        standard: 'contact-recorded',
        title: 'Record the contact within 2 working days',
        target: { amount: 2, unit: 'working_days' },
        subjectType: 'contact',
        subjectId: CONTACT,
        startedAt: '2027-02-09T08:00:00.000Z',
        dueDate: '2027-02-11',
        dueAt: '2027-02-11T23:59:59.999Z',
        completedAt: '2027-02-10T12:00:00.000Z',
        status: 'met',
        workingDaysElapsed: 1,
        workingDaysRemaining: 1,
      }),
    ],
  },
  createdAt: '2027-02-09T17:40:03.019Z',
  updatedAt: '2027-02-10T12:00:41.662Z',
  version: 1,
}

export const CONTACT_EXAMPLES: Record<string, unknown> = {
  ContactCreate: contactCreate,
  Contact: contact,
  ContactPage: { items: [contact], nextCursor: null },
  ContactWriteUp: { recordedAt: '2027-02-10T12:00:00Z', ...writeUp, nextContactAt: '2027-02-16T08:00:00Z' },
  ContactCorrection: {
    correctedBy: 'Ana Morris',
    reason: 'The visit lasted an hour, not 45 minutes',
    durationMinutes: 60,
  },
}
