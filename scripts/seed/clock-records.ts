/** The clock, pause and event rows a simulated case produces, the simulated case itself, and a clock's status as of `--now`. */
import type { Insertable } from 'kysely'
import type { EventsTable, SlaClockPausesTable } from '../../src/db/schema.js'
import type { ClockState } from '../../src/sla/index.js'
import type { CaseScript, ScriptEvent } from './case-script.js'

/** A clock as the engine keeps it, with the bookkeeping its row stores. */
export type ClockRecord = ClockState & {
  scheduledAt: Date
  lateReason: string | null
  breachActionedAt: Date | null
  overdueAnnouncedAt: Date | null
  version: number
  createdAt: Date
  updatedAt: Date
}
export type PauseRecord = Insertable<SlaClockPausesTable> & { resumedAt: Date | null }
export type EventRecord = Insertable<EventsTable>

export interface SimulatedCase {
  script: CaseScript
  /** The events that had happened by `now`, in order, including any the service caused by acting on a breach. */
  applied: ScriptEvent[]
  /** The outbox rows of the case, in the order the service would have written them. */
  events: EventRecord[]
  clocks: ClockRecord[]
  pauses: PauseRecord[]
}

export const STATUSES = ['met', 'met_late', 'missed', 'cancelled', 'paused', 'overdue', 'due_soon', 'on_track'] as const
export type Tally = Record<(typeof STATUSES)[number], number>

/** A clock's status as of `now`, as the breach queries see it (due soon: open, due later, past its due-soon instant). */
export function statusOf(clock: ClockRecord, now: number): keyof Tally {
  if (clock.closedAt) return clock.closedAt > clock.dueAt ? 'missed' : 'cancelled'
  if (clock.completedAt) return clock.completedAt > clock.dueAt ? 'met_late' : 'met'
  if (clock.pausedAt) return 'paused'
  if (clock.dueAt.getTime() < now) return 'overdue'
  return clock.dueSoonAt.getTime() <= now ? 'due_soon' : 'on_track'
}
