export type TargetUnit = 'working_days' | 'calendar_days' | 'weeks' | 'months' | 'hours' | 'same_day'

/** The clock fields of the SLA block, as computed for one `asOf`. */
export interface ClockView {
  id: string
  standard: string
  title: string
  target: { amount: number; unit: TargetUnit }
  calendar: string
  startedAt: Date
  dueDate: string
  dueAt: Date
  completedAt: Date | null
  status: 'on_track' | 'due_soon' | 'overdue' | 'paused' | 'met' | 'met_late' | 'cancelled'
  workingDaysElapsed: number
  workingDaysRemaining: number
}

export type SlaStatus = ClockView['status'] | 'none'

const OPEN_URGENCY: SlaStatus[] = ['overdue', 'due_soon', 'on_track', 'paused']

/**
 * The block's status: the most urgent open clock's (overdue > due_soon > on_track > paused), else
 * met_late if any clock was late, else met, else none (api.md, the SLA block).
 */
export function blockStatus(clocks: Pick<ClockView, 'status'>[]): SlaStatus {
  const statuses = new Set(clocks.map((c) => c.status))
  for (const status of OPEN_URGENCY) if (statuses.has(status as ClockView['status'])) return status
  if (statuses.has('met_late')) return 'met_late'
  if (statuses.has('met')) return 'met'
  return 'none'
}

export const slaBlock = (asOf: Date, clocks: ClockView[]) => ({ asOf, status: blockStatus(clocks), clocks })
