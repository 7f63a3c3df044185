/** Due dates from the real SLA code (`scheduleOf`), memoised for speed and checked against direct calls. */
import { IANAZone } from 'luxon'
import { localDate, type WorkingCalendar } from '../../src/calendar/index.js'
import type { SlaClocksTable } from '../../src/db/schema.js'
import { type ClockCalendar, type ClockSchedule, type Scheduled, scheduleOf } from '../../src/sla/index.js'
import { HOUR } from './time.js'

/**
 * luxon's `IANAZone.isValidZone` builds a new Intl.DateTimeFormat on every call (~0.1 ms), and the
 * calendar code checks the zone on every local-date conversion; a zone's validity never changes, so this
 * process remembers it. Results are unchanged, only faster.
 */
export function rememberValidZones(): void {
  const isValidZone = IANAZone.isValidZone.bind(IANAZone)
  const known = new Map<string, boolean>()
  IANAZone.isValidZone = (zone: string) => {
    let valid = known.get(zone)
    if (valid === undefined) {
      valid = isValidZone(zone)
      known.set(zone, valid)
    }
    return valid
  }
}

type Schedule = ClockSchedule
export type Target = { amount: number; unit: SlaClocksTable['targetUnit'] }

/**
 * `scheduleOf` on one working calendar, memoised (luxon's time-zone work costs ~0.4 ms a call, and we
 * make a million). For every unit but hours the schedule depends only on the local start date; for
 * hours (whole hours, in a zone whose offsets and changes fall on whole hours) the due instant moves
 * with the start within its UTC hour and the rest depends on that hour. Every 500th call is checked
 * against a direct call, and a difference stops the seed. A clock due by a fixed date is not memoised.
 */
export class Scheduler implements ClockCalendar {
  private readonly memo = new Map<string, Schedule>()
  private readonly localDates = new Map<number, string>()
  private calls = 0
  constructor(readonly calendar: WorkingCalendar) {}

  readonly schedule = (clock: Scheduled): Schedule => {
    if (clock.dueBy !== null) return scheduleOf(clock, this.calendar)
    const result = this.memoised(clock.target, clock.startedAt, clock.pausedWorkingDays, clock.dueSoonWithin)
    if (++this.calls % 500 === 0) this.check(result, clock)
    return result
  }

  private memoised(target: Target, startedAt: Date, paused: number, dueSoonWithin: number): Schedule {
    const t = startedAt.getTime()
    const hourStart = Math.floor(t / HOUR) * HOUR
    const hourly = target.unit === 'hours'
    const key = `${target.amount}|${target.unit}|${paused}|${dueSoonWithin}|${hourly ? hourStart : this.localDateOf(hourStart)}`
    let cached = this.memo.get(key)
    if (!cached) {
      cached = scheduleOf({ target, startedAt: hourly ? new Date(hourStart) : startedAt, pausedWorkingDays: paused, dueSoonWithin, dueBy: null }, this.calendar)
      this.memo.set(key, cached)
    }
    if (hourly && paused === 0) return { ...cached, dueAt: new Date(cached.dueAt.getTime() + (t - hourStart)) }
    return cached
  }

  /** The local date of an instant, by the UTC hour it falls in. */
  private localDateOf(hourStart: number): string {
    let date = this.localDates.get(hourStart)
    if (date === undefined) {
      date = localDate(new Date(hourStart), this.calendar.timeZone)
      this.localDates.set(hourStart, date)
    }
    return date
  }

  private check(result: Schedule, clock: Scheduled) {
    const direct = scheduleOf(clock, this.calendar)
    if (direct.dueDate !== result.dueDate || direct.dueAt.getTime() !== result.dueAt.getTime() || direct.dueSoonAt.getTime() !== result.dueSoonAt.getTime()) {
      throw new Error(`memoised schedule differs from scheduleOf for ${JSON.stringify({ ...clock, calendar: this.calendar.id })}`)
    }
  }
}
