import { DateTime, IANAZone } from 'luxon'
import { parseIsoDate } from './iso-date.js'
import type { IsoDate } from './types.js'

export type CalendarUnit = 'calendar_days' | 'weeks' | 'months'

const LUXON_UNIT: Record<CalendarUnit, 'days' | 'weeks' | 'months'> = {
  calendar_days: 'days',
  weeks: 'weeks',
  months: 'months',
}

/** Zones already checked: luxon's check builds an Intl formatter each time, on every clock of every response. */
const validZones = new Set<string>()

function checkZone(timeZone: string): string {
  if (validZones.has(timeZone)) return timeZone
  if (!IANAZone.isValidZone(timeZone)) throw new RangeError(`Unknown time zone: ${String(timeZone)}`)
  validZones.add(timeZone)
  return timeZone
}

function checkInstant(instant: Date): Date {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw new TypeError('Expected a valid Date instant')
  return instant
}

/** The local calendar date of an instant in a time zone (23:30 UTC on a summer day is the next day in London). */
export function localDate(instant: Date, timeZone: string): IsoDate {
  const local = DateTime.fromJSDate(checkInstant(instant), { zone: checkZone(timeZone) })
  return local.toISODate() as IsoDate
}

/** The last millisecond of a local date (23:59:59.999 in the time zone) as an instant. */
export function endOfLocalDay(date: IsoDate, timeZone: string): Date {
  const start = DateTime.fromISO(parseIsoDate(date), { zone: checkZone(timeZone) })
  return start.endOf('day').toJSDate()
}

/**
 * Calendar arithmetic on a local date (luxon `plus`): months clamp to the end of a shorter month, so a
 * month from 31 January is the last day of February.
 */
export function addCalendarUnits(date: IsoDate, amount: number, unit: CalendarUnit): IsoDate {
  if (!Number.isInteger(amount)) throw new RangeError(`Amount must be a whole number, got ${amount}`)
  if (!Object.hasOwn(LUXON_UNIT, unit)) throw new TypeError(`Unknown calendar unit: ${String(unit)}`)
  const luxonUnit = LUXON_UNIT[unit]
  const result = DateTime.fromISO(parseIsoDate(date), { zone: 'utc' }).plus({ [luxonUnit]: amount })
  return result.toISODate() as IsoDate
}

/** The instant at the same local time of day as `instant`, on the local date `date` (across a clock change, luxon's rule). */
export function sameLocalTimeOn(instant: Date, date: IsoDate, timeZone: string): Date {
  const local = DateTime.fromJSDate(checkInstant(instant), { zone: checkZone(timeZone) })
  const day = DateTime.fromISO(parseIsoDate(date), { zone: timeZone })
  return local.set({ year: day.year, month: day.month, day: day.day }).toJSDate()
}
