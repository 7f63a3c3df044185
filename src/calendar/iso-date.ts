import { CalendarRangeError, InvalidDateError } from './errors.js'
import type { IsoDate } from './types.js'

/**
 * Day numbers: 0 is 1990-01-01 (a Monday). The tables run to the end of 2102: the supported range is
 * 1990–2100, plus two years of headroom so that due dates computed from late-2100 starts, and reads
 * against them, still resolve.
 */
export const FIRST_YEAR = 1990
export const LAST_SUPPORTED_YEAR = 2100
export const LAST_TABLE_YEAR = 2102
export const FIRST_DATE: IsoDate = '1990-01-01'
export const LAST_SUPPORTED_DATE: IsoDate = '2100-12-31'
export const LAST_TABLE_DATE: IsoDate = '2102-12-31'

const MONTHS = (LAST_TABLE_YEAR - FIRST_YEAR + 1) * 12

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/** monthStart[(y - 1990) * 12 + (m - 1)] = day number of the 1st of that month; one extra entry at the end. */
const monthStart = new Int32Array(MONTHS + 1)
{
  let day = 0
  for (let i = 0; i < MONTHS; i++) {
    monthStart[i] = day
    day += daysInMonth(FIRST_YEAR + Math.floor(i / 12), (i % 12) + 1)
  }
  monthStart[MONTHS] = day
}

/** Number of days in the table: 1990-01-01 .. 2102-12-31. */
export const DAY_COUNT = monthStart[MONTHS]
export const LAST_SUPPORTED_DAY = monthStart[(LAST_SUPPORTED_YEAR - FIRST_YEAR + 1) * 12] - 1

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

/** Every date in the table as its ISO string, so day number → string is a lookup. */
const isoByDay: string[] = new Array(DAY_COUNT)
for (let i = 0; i < MONTHS; i++) {
  const prefix = `${FIRST_YEAR + Math.floor(i / 12)}-${pad2((i % 12) + 1)}-`
  for (let d = monthStart[i]; d < monthStart[i + 1]; d++) isoByDay[d] = prefix + pad2(d - monthStart[i] + 1)
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48
  return c >= 0 && c <= 9 ? c : -1
}

/**
 * Parses a strict `YYYY-MM-DD` string into year/month/day, or returns -1 when it is not a real date.
 * Packed as y * 10000 + m * 100 + d to avoid allocating.
 */
function parsePacked(s: unknown): number {
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return -1
  const y0 = digit(s, 0),
    y1 = digit(s, 1),
    y2 = digit(s, 2),
    y3 = digit(s, 3)
  const m0 = digit(s, 5),
    m1 = digit(s, 6),
    d0 = digit(s, 8),
    d1 = digit(s, 9)
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return -1
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3
  const m = m0 * 10 + m1
  const d = d0 * 10 + d1
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return -1
  return y * 10000 + m * 100 + d
}

export function isValidIsoDate(s: unknown): s is IsoDate {
  return parsePacked(s) >= 0
}

/** Returns `s` when it is a real `YYYY-MM-DD` date; throws `InvalidDateError` otherwise. */
export function parseIsoDate(s: unknown): IsoDate {
  if (parsePacked(s) < 0) throw new InvalidDateError(s)
  return s as IsoDate
}

/** Day number of an ISO date; throws `InvalidDateError` or `CalendarRangeError`. */
export function dayNumber(s: IsoDate): number {
  if (typeof s === 'string' && s.length === 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) {
    const y0 = s.charCodeAt(0) - 48,
      y1 = s.charCodeAt(1) - 48,
      y2 = s.charCodeAt(2) - 48,
      y3 = s.charCodeAt(3) - 48
    const m0 = s.charCodeAt(5) - 48,
      m1 = s.charCodeAt(6) - 48,
      d0 = s.charCodeAt(8) - 48,
      d1 = s.charCodeAt(9) - 48
    if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) >= 0 && y0 <= 9 && y1 <= 9 && y2 <= 9 && y3 <= 9 && m0 <= 9 && m1 <= 9 && d0 <= 9 && d1 <= 9) {
      const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3
      const m = m0 * 10 + m1
      const d = d0 * 10 + d1
      if (y >= FIRST_YEAR && y <= LAST_TABLE_YEAR && m >= 1 && m <= 12 && d >= 1) {
        const i = (y - FIRST_YEAR) * 12 + m - 1
        const first = monthStart[i]
        if (d <= monthStart[i + 1] - first) return first + d - 1
      }
    }
  }
  return dayNumberOrThrow(s)
}

function dayNumberOrThrow(s: unknown): never {
  const p = parsePacked(s)
  if (p < 0) throw new InvalidDateError(s)
  throw new CalendarRangeError(`${String(s)} is outside the supported range ${FIRST_DATE}..${LAST_TABLE_DATE}`)
}

/** ISO date of a day number; throws `CalendarRangeError` outside the table. */
export function isoDate(day: number): IsoDate {
  if (!(day >= 0 && day < DAY_COUNT)) {
    throw new CalendarRangeError(`Day ${day} is outside the supported range ${FIRST_DATE}..${LAST_TABLE_DATE}`)
  }
  return isoByDay[day]
}

/** Day number from year/month/day; the caller guarantees a real date inside the table. */
export function dayFromParts(year: number, month: number, day: number): number {
  return monthStart[(year - FIRST_YEAR) * 12 + month - 1] + day - 1
}

/** 0 = Monday … 6 = Sunday (1990-01-01 was a Monday). */
export function weekdayOf(day: number): number {
  return day % 7
}

export function isWeekend(day: number): boolean {
  return day % 7 >= 5
}
