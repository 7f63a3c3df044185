/** Examples of the caseload schemas, for the reference page and the SDK (validated against their schemas by a test). */
import { ALLOCATION, FAMILY, INTERVENTION, PRACTITIONER, REQUEST } from '../schema/example-ids.js'
import { clockExample } from '../sla-clocks/sla-clock.examples.js'

export const CASELOAD_EXAMPLES: Record<string, unknown> = {
  Caseload: {
    practitionerId: PRACTITIONER,
    asOf: '2027-02-15T09:00:00.000Z',
    caseloadCapacity: 10,
    activeFamilies: 7,
    items: [
      {
        familyId: FAMILY,
        familyReference: 'FAM-2026-0142',
        allocationId: ALLOCATION,
        serviceRequestId: REQUEST,
        allocatedAt: '2026-12-29T09:30:00.000Z',
        interventionId: INTERVENTION,
        interventionStatus: 'active',
        startedAt: '2027-01-11T10:00:00.000Z',
        nextDue: clockExample({
          id: '0193b1dc-9c0e-7000-8000-000000000002',
          standard: 'weekly-contact',
          title: 'See the family at least weekly',
          target: { amount: 7, unit: 'calendar_days' },
          subjectType: 'intervention',
          subjectId: INTERVENTION,
          startedAt: '2027-02-09T08:00:00.000Z',
          dueDate: '2027-02-16',
          dueAt: '2027-02-16T23:59:59.999Z',
          status: 'due_soon',
          workingDaysElapsed: 4,
          workingDaysRemaining: 1,
        }),
        weeklyContact: { status: 'due_soon', onTrack: false, lastContactAt: '2027-02-09T08:00:00.000Z', dueDate: '2027-02-16' },
      },
    ],
  },
}
