/** Examples of the breach schemas, for the reference page and the SDK (validated against their schemas by a test). */
import { clockEntryExample } from '../sla-clocks/sla-clock.examples.js'

/** The allocation clock of another request, overdue by a working day. */
export const overdueAllocation = clockEntryExample({
  id: '0193b1e1-0000-7000-8000-000000000001',
  subjectId: '0193b1e1-0000-7000-8000-000000000002',
  familyId: '0193b1e1-0000-7000-8000-000000000003',
  serviceRequestId: '0193b1e1-0000-7000-8000-000000000002',
  startedAt: '2027-01-05T11:00:00.000Z',
  dueDate: '2027-01-08',
  dueAt: '2027-01-08T23:59:59.999Z',
  status: 'overdue',
  workingDaysElapsed: 4,
  workingDaysRemaining: -1,
})

export const BREACH_EXAMPLES: Record<string, unknown> = {
  BreachPage: { asOf: '2027-01-11T09:00:00.000Z', items: [overdueAllocation], nextCursor: null },
  BreachSummary: {
    asOf: '2027-01-11T09:00:00.000Z',
    groupBy: 'standard',
    items: [
      { key: 'allocation', label: null, overdue: 1, dueSoon: 2, missed: 0, metLate: 3 },
      { key: 'contact-recorded', label: null, overdue: 0, dueSoon: 4, missed: 1, metLate: 6 },
    ],
  },
}
