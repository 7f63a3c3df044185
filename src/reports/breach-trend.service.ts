import { DateTime } from 'luxon'
import { isCurrent } from '../breaches/breach.predicates.js'
import type { Db } from '../db/database.js'
import { invalidField } from '../http/problems.js'
import { findTeamNames } from '../teams/team.service.js'
import { countClockVerdictsByPeriod } from './breach-trend.repository.js'
import type { BreachTrend, BreachTrendParams } from './breach-trend.schemas.js'

/** The most periods one report covers: two years of weeks, five of months. */
const MAX_PERIODS = { week: 104, month: 60 } as const

/** The first days of every period from `from` to `to`: ISO weeks start on Monday. */
export function periodsOf(from: string, to: string, interval: 'week' | 'month'): string[] {
  const end = DateTime.fromISO(to, { zone: 'utc' })
  const periods: string[] = []
  for (let day = DateTime.fromISO(from, { zone: 'utc' }).startOf(interval); day <= end; day = day.plus({ [interval]: 1 })) {
    periods.push(day.toISODate() as string)
  }
  return periods
}

/**
 * Met, met late, missed and overdue clocks per period of their due date, per standard or team: the trend
 * a manager follows month by month. Verdicts are as of `asOf`.
 */
export async function breachTrend(db: Db, query: BreachTrendParams, asOf: Date, now: Date, onlyTeamId: string | null): Promise<BreachTrend> {
  const { from, to, interval = 'month', groupBy = 'standard' } = query
  if (to < from) throw invalidField('to', 'must not be before from', 'query')
  const periods = periodsOf(from, to, interval)
  if (periods.length > MAX_PERIODS[interval]) throw invalidField('to', `covers ${periods.length} ${interval}s; at most ${MAX_PERIODS[interval]}`, 'query')
  const rows = await countClockVerdictsByPeriod(db, {
    from,
    to,
    interval,
    groupBy,
    asOf,
    current: isCurrent(asOf, now),
    teamId: query.teamId,
    standard: query.standard,
    onlyTeamId,
  })
  const names = groupBy === 'team' ? await findTeamNames(db, [...new Set(rows.map((r) => r.key))]) : new Map<string, string>()
  return {
    from,
    to,
    interval,
    groupBy,
    asOf: asOf.toISOString(),
    periods,
    teamId: query.teamId ?? null,
    rows: rows.map((r) => ({
      period: r.period,
      key: r.key,
      label: names.get(r.key) ?? r.key,
      met: Number(r.met),
      metLate: Number(r.metLate),
      missed: Number(r.missed),
      overdue: Number(r.overdue),
    })),
  }
}
