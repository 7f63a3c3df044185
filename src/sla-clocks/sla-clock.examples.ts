/** Examples of the SLA clock schemas, for the reference page and the SDK (validated against their schemas by a test). */
import { FAMILY, REQUEST, TEAM } from '../schema/example-ids.js'

export const allocationClock = {
  id: '0193b1d4-2a7d-7e10-9c3b-1a2b3c4d5e6f',
  standard: 'allocation',
  title: 'Allocate within 3 working days of the request',
  target: { amount: 3, unit: 'working_days' },
  calendar: 'england-and-wales',
  subjectType: 'service_request',
  subjectId: REQUEST,
  startedAt: '2026-12-23T10:00:00.000Z',
  dueDate: '2026-12-30',
  dueAt: '2026-12-30T23:59:59.999Z',
  completedAt: null,
  closedAt: null,
  recordedAfterDue: false,
  status: 'due_soon',
  workingDaysElapsed: 2,
  workingDaysRemaining: 1,
}
/** Another clock of the same shape: its standard, subject and times, the rest as the allocation clock's. */
export const clockExample = (clock: Record<string, unknown>): Record<string, unknown> => ({ ...allocationClock, ...clock })

export const slaBlock = { asOf: '2026-12-29T09:00:00.000Z', status: 'due_soon', clocks: [allocationClock] }

/** The allocation clock with the fields of a breach entry: who holds the case, which request. */
export const allocationClockEntry = {
  ...allocationClock,
  familyId: FAMILY,
  teamId: TEAM,
  practitionerId: null,
  serviceRequestId: REQUEST,
  lateReason: null,
}

/** Another breach entry (a `Breach`): its clock and work fields, the rest as the allocation clock's. */
export const clockEntryExample = (entry: Record<string, unknown>): Record<string, unknown> => ({ ...allocationClockEntry, ...entry })

export const slaClockDetail = {
  ...allocationClockEntry,
  pauses: [],
  explanation: {
    startDate: '2026-12-23',
    dueDate: '2026-12-30',
    target: allocationClock.target,
    days: [
      { date: '2026-12-24', counted: true, workingDay: 1 },
      { date: '2026-12-25', counted: false, reason: 'bank_holiday', title: 'Christmas Day' },
      { date: '2026-12-26', counted: false, reason: 'weekend' },
      { date: '2026-12-27', counted: false, reason: 'weekend' },
      { date: '2026-12-28', counted: false, reason: 'bank_holiday', title: 'Boxing Day' },
      { date: '2026-12-29', counted: true, workingDay: 2 },
      { date: '2026-12-30', counted: true, workingDay: 3 },
    ],
  },
  version: 1,
}

export const SLA_CLOCK_EXAMPLES: Record<string, unknown> = {
  SlaClock: allocationClock,
  SlaBlock: slaBlock,
  SlaClockPage: { items: [allocationClockEntry], nextCursor: null },
  SlaClockDetail: slaClockDetail,
  LateReason: { reason: 'The family were away over Christmas; the first visit was rearranged with their agreement' },
}
