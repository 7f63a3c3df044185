import { DateTime } from 'luxon'

/** A range of due dates, inclusive; null is unbounded. */
export interface DueRange {
  from: string | null
  to: string | null
}

/**
 * A due-date range split for the breach summary: the whole months in it (from the first day of the first to
 * the last day of the last), whose met-late and missed clocks are counted in `sla_verdict_counts`, and the
 * days around them, whose
 * clocks are counted one by one. At most two part-months, so the clock-by-clock part stays small however
 * much history there is.
 */
export interface MonthSplit {
  wholeMonths: DueRange | null
  days: DueRange[]
}

const day = (date: string) => DateTime.fromISO(date, { zone: 'utc' })
const iso = (date: DateTime) => date.toISODate() as string

export function splitByMonth(range: DueRange): MonthSplit {
  const from = range.from === null ? null : day(range.from)
  const to = range.to === null ? null : day(range.to)
  const firstWhole = from === null ? null : from.day === 1 ? from : from.startOf('month').plus({ months: 1 })
  const lastWhole = to === null ? null : to.hasSame(to.endOf('month'), 'day') ? to.startOf('month') : to.startOf('month').minus({ months: 1 })
  if (firstWhole !== null && lastWhole !== null && firstWhole > lastWhole) return { wholeMonths: null, days: [range] }
  const days: DueRange[] = []
  if (from !== null && firstWhole !== null && from < firstWhole) days.push({ from: range.from, to: iso(firstWhole.minus({ days: 1 })) })
  if (to !== null && lastWhole !== null && to > lastWhole.endOf('month')) days.push({ from: iso(lastWhole.plus({ months: 1 })), to: range.to })
  return { wholeMonths: { from: firstWhole && iso(firstWhole), to: lastWhole && iso(lastWhole.endOf('month')) }, days }
}
