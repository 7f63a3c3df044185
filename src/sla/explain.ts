import { type IsoDate, localDate, type SkipReason, type WorkingCalendar } from '../calendar/index.js'
import { checkCalendar } from './clock-view.js'
import type { StandardTarget } from './standard.schema.js'
import type { ClockRow } from './types.js'

export interface ClockPause {
  from: Date
  /** null while still paused. */
  to: Date | null
  /** Why, e.g. "Section 47 enquiry"; shown on the paused days. */
  title?: string
}

export interface ExplainedDay {
  date: IsoDate
  counted: boolean
  /** Present when the day did not count. */
  reason?: SkipReason | 'paused'
  /** The bank holiday's, closure's or pause's title. */
  title?: string
  /** For a counted day, which working day of the clock it is (1, 2, ...). */
  workingDay?: number
}

export interface ClockExplanation {
  startDate: IsoDate
  dueDate: IsoDate
  target: StandardTarget
  days: ExplainedDay[]
}

const later = (a: IsoDate, b: IsoDate) => (a > b ? a : b)

/**
 * Every day from the clock's local start date (exclusive) to its due date (inclusive), or on to the day it
 * stopped or to `asOf` if later, each counted or skipped with the reason: weekend, the named bank holiday,
 * a closure day or a pause (api.md, `/sla-clocks/{id}`), so anyone can check a due date by hand.
 * A pause skips the working days after its local start date up to and including its local end date, the
 * days `applyResume` adds to the clock; pauses are seen as of `asOf`.
 */
export function explainClock(row: ClockRow, calendar: WorkingCalendar, asOf: Date, pauses: readonly ClockPause[]): ClockExplanation {
  checkCalendar(row, calendar)
  const zone = calendar.timeZone
  const startDate = localDate(row.startedAt, zone)
  const stoppedAt = [row.completedAt, row.closedAt].find((at): at is Date => at !== null && at <= asOf)
  const lastDate = later(row.dueDate, localDate(stoppedAt ?? asOf, zone))
  const asOfDate = localDate(asOf, zone)

  const paused = pauses
    .filter((pause) => pause.from <= asOf)
    .map((pause) => ({
      after: localDate(pause.from, zone),
      through: pause.to === null || pause.to > asOf ? asOfDate : localDate(pause.to, zone),
      title: pause.title,
    }))

  let workingDay = 0
  const days = calendar.explain(startDate, lastDate).map((day): ExplainedDay => {
    if (!day.counted) return { ...day }
    const pause = paused.find((p) => p.after < day.date && day.date <= p.through)
    if (pause) return { date: day.date, counted: false, reason: 'paused', ...(pause.title ? { title: pause.title } : {}) }
    workingDay += 1
    return { date: day.date, counted: true, workingDay }
  })
  return { startDate, dueDate: row.dueDate, target: row.target, days }
}
