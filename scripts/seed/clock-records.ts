/** The clock and pause rows a simulated case produces, the simulated case itself, and a clock's status as of `--now`. */
import type { Insertable } from 'kysely'
import type { SlaClockPausesTable, SlaClocksTable } from '../../src/db/schema.js'
import type { CaseScript, ScriptEvent } from './case-script.js'

export type ClockRecord = Insertable<SlaClocksTable> & {
  id: string
  standardKey: string
  subjectType: string
  subjectId: string
  startedAt: Date
  dueAt: Date
  dueSoonAt: Date
  pausedAt: Date | null
  pausedWorkingDays: number
  completedAt: Date | null
  cancelledAt: Date | null
  overdueAnnouncedAt: Date | null
  version: number
}
export type PauseRecord = Insertable<SlaClockPausesTable> & { resumedAt: Date | null }

export interface SimulatedCase {
  script: CaseScript
  /** The events that had happened by `now`, in order, including any the service caused by acting on a breach. */
  applied: ScriptEvent[]
  clocks: ClockRecord[]
  pauses: PauseRecord[]
}

export const STATUSES = ['met', 'met_late', 'cancelled', 'paused', 'overdue', 'due_soon', 'on_track'] as const
export type Tally = Record<(typeof STATUSES)[number], number>

/** A clock's status as of `now`, as the breach queries see it (due soon: open, due later, past its due-soon instant). */
export function statusOf(clock: ClockRecord, now: number): keyof Tally {
  if (clock.cancelledAt) return 'cancelled'
  if (clock.completedAt) return clock.completedAt > clock.dueAt ? 'met_late' : 'met'
  if (clock.pausedAt) return 'paused'
  if (clock.dueAt.getTime() < now) return 'overdue'
  return clock.dueSoonAt.getTime() <= now ? 'due_soon' : 'on_track'
}
