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

const QUARTER_HOUR_MS = 15 * 60_000
const OFFSETS_KEPT = 100_000
/** The years the lookup serves (four-digit years; offsets before 1970 are not all whole quarter-hours). */
const LOOKUP_FROM = Date.UTC(1970, 0, 1)
const LOOKUP_TO = Date.UTC(9999, 0, 1)

/**
 * Each zone's UTC offset, in minutes, by quarter-hour of UTC time. Every offset since 1970 is a whole number
 * of quarter-hours and changes on a quarter-hour, so one lookup holds for the whole quarter; asking luxon
 * (an Intl formatter) was most of the time of showing a clock.
 */
const offsets = new Map<string, Map<number, number>>()

function offsetMinutes(ms: number, timeZone: string): number {
  let zone = offsets.get(timeZone)
  if (!zone) {
    zone = new Map()
    offsets.set(timeZone, zone)
  }
  const quarter = Math.floor(ms / QUARTER_HOUR_MS)
  let offset = zone.get(quarter)
  if (offset === undefined) {
    if (zone.size >= OFFSETS_KEPT) zone.clear()
    offset = DateTime.fromMillis(quarter * QUARTER_HOUR_MS, { zone: timeZone }).offset
    zone.set(quarter, offset)
  }
  return offset
}

/** The local calendar date of an instant in a time zone (23:30 UTC on a summer day is the next day in London). */
export function localDate(instant: Date, timeZone: string): IsoDate {
  const ms = checkInstant(instant).getTime()
  if (ms < LOOKUP_FROM || ms >= LOOKUP_TO) return DateTime.fromMillis(ms, { zone: checkZone(timeZone) }).toISODate() as IsoDate
  const local = new Date(ms + offsetMinutes(ms, checkZone(timeZone)) * 60_000)
  return local.toISOString().slice(0, 10) as IsoDate
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
