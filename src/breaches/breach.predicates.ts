import type { ExpressionBuilder } from 'kysely'
import type { Database } from '../db/schema.js'

export const BREACH_STATUSES = ['overdue', 'due_soon', 'missed', 'met_late'] as const
export type BreachStatus = (typeof BREACH_STATUSES)[number]

type Eb = ExpressionBuilder<Database, 'slaClocks'>

/**
 * Open as of `asOf`. For the present (and future) no stopped clock can have stopped later, so this is the
 * partial indexes' own predicate; for a past moment, clocks stopped or paused after it were open then.
 */
function openAt(eb: Eb, asOf: Date, current: boolean) {
  if (current) {
    return eb.and([eb('slaClocks.completedAt', 'is', null), eb('slaClocks.closedAt', 'is', null), eb('slaClocks.pausedAt', 'is', null)])
  }
  return eb.and([
    eb('slaClocks.startedAt', '<=', asOf),
    eb.or([eb('slaClocks.completedAt', 'is', null), eb('slaClocks.completedAt', '>', asOf)]),
    eb.or([eb('slaClocks.closedAt', 'is', null), eb('slaClocks.closedAt', '>', asOf)]),
    eb.or([eb('slaClocks.pausedAt', 'is', null), eb('slaClocks.pausedAt', '>', asOf)]),
  ])
}

/** The SQL form of a clock status as of `asOf`, matching `viewClock` (src/sla/clock-view.ts). */
export function statusAt(eb: Eb, status: BreachStatus, asOf: Date, current: boolean) {
  switch (status) {
    case 'overdue':
      return eb.and([openAt(eb, asOf, current), eb('slaClocks.dueAt', '<', asOf)])
    case 'due_soon':
      return eb.and([openAt(eb, asOf, current), eb('slaClocks.dueAt', '>=', asOf), eb('slaClocks.dueSoonAt', '<=', asOf)])
    case 'met_late':
      return eb.and([eb('slaClocks.completedAt', '>', eb.ref('slaClocks.dueAt')), eb('slaClocks.completedAt', '<=', asOf)])
    case 'missed':
      return eb.and([eb('slaClocks.closedAt', '>', eb.ref('slaClocks.dueAt')), eb('slaClocks.closedAt', '<=', asOf)])
  }
}

/** Today's and future moments read the open-clock indexes; past ones ask what was open then. */
export const isCurrent = (asOf: Date, now: Date) => asOf.getTime() >= now.getTime()

export const anyStatusAt = (eb: Eb, statuses: readonly BreachStatus[], asOf: Date, current: boolean) =>
  statuses.length === 1 ? statusAt(eb, statuses[0], asOf, current) : eb.or(statuses.map((s) => statusAt(eb, s, asOf, current)))
