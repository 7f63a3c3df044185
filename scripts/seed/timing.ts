/** When scripted work happens: the odds of meeting a target in time, late or never, target shorthands, and office hours. */
import type { Random } from './random.js'
import type { Target } from './scheduler.js'
import { DAY, HOUR, MINUTE } from './time.js'

/**
 * When an obligation is met, as a share of its target's span: in time (somewhere in `inTime`), late (5% to
 * 120% over), or never (forgotten: its clock stays open and goes overdue, unless something cancels it).
 */
export interface Odds {
  late: number
  never: number
  inTime: [number, number]
}
export const USUAL: Odds = { late: 0.08, never: 0.018, inTime: [0.1, 0.75] }
/** Recurring work (weekly contact, 8-weekly reviews) is done near its interval, not straight after the last. */
export const RECURRING: Odds = { late: 0.07, never: 0.006, inTime: [0.55, 0.97] }
export const HUB_FEEDBACK: Odds = { late: 0.2, never: 0.02, inTime: [0.1, 0.75] }

export const wd = (amount: number): Target => ({ amount, unit: 'working_days' })
export const days = (amount: number): Target => ({ amount, unit: 'calendar_days' })
export const weeks = (amount: number): Target => ({ amount, unit: 'weeks' })
export const months = (amount: number): Target => ({ amount, unit: 'months' })
export const hours = (amount: number): Target => ({ amount, unit: 'hours' })
export const SAME_DAY: Target = { amount: 0, unit: 'same_day' }

/** Roughly how long a target gives, in days: only to draw event times around it (the real due date is computed). */
export function spanDays(target: Target): number {
  switch (target.unit) {
    case 'working_days':
      return target.amount * 1.4
    case 'calendar_days':
      return target.amount
    case 'weeks':
      return target.amount * 7
    case 'months':
      return target.amount * 30.4
    case 'hours':
      return target.amount / 24
    case 'same_day':
      return 0.25
    case 'date_given':
      throw new RangeError('A date_given target is due on the date its event names; no time is drawn around it')
  }
}

/** The next moment in office hours (08:00-18:00 UTC on a weekday) at or after `t`. */
export function officeHours(rng: Random, t: number): number {
  const dayStart = Math.floor(t / DAY) * DAY
  const timeOfDay = t - dayStart
  const isWeekend = (day: number) => [0, 6].includes(new Date(day).getUTCDay())
  if (!isWeekend(dayStart) && timeOfDay >= 8 * HOUR && timeOfDay < 18 * HOUR) return t
  let next = timeOfDay < 8 * HOUR ? dayStart : dayStart + DAY
  while (isWeekend(next)) next += DAY
  return next + 8 * HOUR + 30 * MINUTE + rng.int(0, 120) * MINUTE
}
