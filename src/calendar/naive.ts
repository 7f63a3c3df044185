import type { IsoDate } from './types.js'

const DAY_MS = 86_400_000

/** The two operations, computed the slow way; shares no code with the tables. */
export interface NaiveCalendar {
  isWorkingDay(date: IsoDate): boolean
  workingDaysBetween(a: IsoDate, b: IsoDate): number
  addWorkingDays(start: IsoDate, n: number): IsoDate
}

function utcMidnight(date: IsoDate): number {
  const t = Date.parse(`${date}T00:00:00Z`)
  if (Number.isNaN(t)) throw new TypeError(`Invalid date: ${date}`)
  return t
}

/**
 * Reference implementation for tests and the benchmark: walks one day at a time with UTC `Date`s and
 * a set of non-working dates (bank holidays and closures).
 */
export function naiveCalendar(nonWorkingDates: Iterable<IsoDate>): NaiveCalendar {
  const closed = new Set<number>()
  for (const date of nonWorkingDates) closed.add(utcMidnight(date))

  const working = (t: number): boolean => {
    const weekday = new Date(t).getUTCDay()
    return weekday !== 0 && weekday !== 6 && !closed.has(t)
  }

  const countAfterUpTo = (from: number, to: number): number => {
    let count = 0
    for (let t = from + DAY_MS; t <= to; t += DAY_MS) if (working(t)) count++
    return count
  }

  return {
    isWorkingDay: (date) => working(utcMidnight(date)),
    workingDaysBetween(a, b) {
      const ta = utcMidnight(a)
      const tb = utcMidnight(b)
      return tb >= ta ? countAfterUpTo(ta, tb) : -countAfterUpTo(tb, ta)
    },
    addWorkingDays(start, n) {
      let t = utcMidnight(start)
      for (let left = n; left > 0; ) {
        t += DAY_MS
        if (working(t)) left--
      }
      return new Date(t).toISOString().slice(0, 10)
    },
  }
}
