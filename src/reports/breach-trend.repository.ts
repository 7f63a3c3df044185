import { sql } from 'kysely'
import { statusAt } from '../breaches/breach.predicates.js'
import type { Db } from '../db/database.js'

export interface TrendQuery {
  from: string
  to: string
  interval: 'week' | 'month'
  groupBy: 'standard' | 'team'
  asOf: Date
  current: boolean
  teamId?: string
  standard?: string
  onlyTeamId: string | null
}

/**
 * Clocks due in [from, to], counted per period of their due date and per standard or team by their
 * verdict as of `asOf`: met, met late, missed, or still open past due. One aggregate query on the
 * due-date index; cancelled clocks and clocks not yet due are not counted.
 */
export function countClockVerdictsByPeriod(db: Db, q: TrendQuery) {
  // A literal, not a parameter: the same expression must appear in GROUP BY (`interval` is 'week' or 'month').
  const unit = q.interval === 'week' ? sql.lit('week') : sql.lit('month')
  const period = sql<string>`to_char(date_trunc(${unit}, sla_clocks.due_date::timestamp), 'YYYY-MM-DD')`
  const key = q.groupBy === 'team' ? sql<string>`sla_clocks.team_id::text` : sql<string>`sla_clocks.standard_key`
  let query = db
    .selectFrom('slaClocks')
    .select((eb) => {
      const met = eb.and([eb('slaClocks.completedAt', '<=', eb.ref('slaClocks.dueAt')), eb('slaClocks.completedAt', '<=', q.asOf)])
      return [
        period.as('period'),
        key.as('key'),
        eb.fn.countAll<string>().filterWhere(met).as('met'),
        eb.fn
          .countAll<string>()
          .filterWhere(statusAt(eb, 'met_late', q.asOf, q.current))
          .as('metLate'),
        eb.fn
          .countAll<string>()
          .filterWhere(statusAt(eb, 'missed', q.asOf, q.current))
          .as('missed'),
        eb.fn
          .countAll<string>()
          .filterWhere(statusAt(eb, 'overdue', q.asOf, q.current))
          .as('overdue'),
      ]
    })
    .where('slaClocks.dueDate', '>=', q.from)
    .where('slaClocks.dueDate', '<=', q.to)
  if (q.onlyTeamId) query = query.where('slaClocks.teamId', '=', q.onlyTeamId)
  if (q.teamId) query = query.where('slaClocks.teamId', '=', q.teamId)
  if (q.standard) query = query.where('slaClocks.standardKey', '=', q.standard)
  return query.groupBy([period, key]).orderBy(period).orderBy(key).execute()
}
