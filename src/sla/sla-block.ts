export type TargetUnit = 'working_days' | 'calendar_days' | 'weeks' | 'months' | 'hours' | 'same_day' | 'date_given'

export const CLOCK_STATUSES = ['on_track', 'due_soon', 'overdue', 'paused', 'met', 'met_late', 'missed', 'cancelled'] as const
export type ClockStatus = (typeof CLOCK_STATUSES)[number]

/** The clock fields of the SLA block, as computed for one `asOf`. */
export interface ClockView {
  id: string
  standard: string
  title: string
  target: { amount: number; unit: TargetUnit }
  calendar: string
  subjectType: string
  subjectId: string
  startedAt: Date
  dueDate: string
  dueAt: Date
  completedAt: Date | null
  /** When it was closed without its work done (`missed` or `cancelled`). */
  closedAt: Date | null
  /** The service learnt of the clock only after its due instant (history entered late). */
  recordedAfterDue: boolean
  status: ClockStatus
  workingDaysElapsed: number
  workingDaysRemaining: number
}

export type SlaStatus = ClockStatus | 'none'

const OPEN_URGENCY: SlaStatus[] = ['overdue', 'due_soon', 'on_track', 'paused']
const VERDICT_SEVERITY: SlaStatus[] = ['missed', 'met_late', 'met']

/**
 * The block's status: the most urgent open clock's (overdue > due_soon > on_track > paused), else
 * missed if any clock was missed, else met_late if any was late, else met, else none (api.md, the SLA block).
 */
export function blockStatus(clocks: Pick<ClockView, 'status'>[]): SlaStatus {
  const statuses = new Set<SlaStatus>(clocks.map((c) => c.status))
  for (const status of [...OPEN_URGENCY, ...VERDICT_SEVERITY]) if (statuses.has(status)) return status
  return 'none'
}

export const isOpenStatus = (status: ClockStatus): boolean => (OPEN_URGENCY as string[]).includes(status)

export const slaBlock = (asOf: Date, clocks: ClockView[]) => ({ asOf, status: blockStatus(clocks), clocks })
