import { IANAZone } from 'luxon'
import { CalendarRangeError } from './errors.js'
import { DAY_COUNT, dayNumber, isoDate, isWeekend } from './iso-date.js'
import type { CalendarDefinition, DayExplanation, Holiday, IsoDate, SkipReason, WorkingCalendar } from './types.js'

const WORKING = 0
const WEEKEND = 1
const BANK_HOLIDAY = 2
const CLOSURE = 3

const REASONS: readonly (SkipReason | undefined)[] = [undefined, 'weekend', 'bank_holiday', 'closure']

function kindCode(holiday: Holiday): number {
  if (holiday.kind === 'bank_holiday') return BANK_HOLIDAY
  if (holiday.kind === 'closure') return CLOSURE
  throw new TypeError(`Unknown holiday kind: ${String(holiday.kind)}`)
}

/**
 * Lookup tables over day numbers (see iso-date.ts):
 * - `kind[d]`: why day d is not a working day (0 when it is);
 * - `cum[d]`: working days in 1990-01-01..d inclusive, so `workingDaysBetween(a, b) = cum[b] - cum[a]`;
 * - `nth[k]`: the day of the k-th working day, so `addWorkingDays(s, n) = nth[cum[s] + n]`.
 */
class TableCalendar implements WorkingCalendar {
  readonly id: string
  readonly timeZone: string
  private readonly kind: Uint8Array
  private readonly cum: Int32Array
  private readonly nth: Int32Array
  private readonly total: number
  private readonly titleOf: Map<number, string>
  private readonly listDays: Int32Array
  private readonly list: readonly Holiday[]

  constructor(def: CalendarDefinition) {
    if (typeof def.id !== 'string' || def.id === '') throw new TypeError('Calendar id must be a non-empty string')
    if (!IANAZone.isValidZone(def.timeZone)) throw new RangeError(`Unknown time zone: ${String(def.timeZone)}`)
    this.id = def.id
    this.timeZone = def.timeZone

    const kind = new Uint8Array(DAY_COUNT)
    for (let d = 0; d < DAY_COUNT; d++) if (isWeekend(d)) kind[d] = WEEKEND

    const titleOf = new Map<number, string>()
    const entries: { day: number; holiday: Holiday }[] = []
    const seen = new Set<string>()
    for (const h of def.holidays) {
      const code = kindCode(h)
      if (typeof h.title !== 'string' || h.title.trim() === '') throw new TypeError(`Holiday on ${h.date} needs a title`)
      let day: number
      try {
        day = dayNumber(h.date)
      } catch (err) {
        if (err instanceof CalendarRangeError) continue
        throw err
      }
      const key = `${h.date}|${h.kind}|${h.title}`
      if (seen.has(key)) continue
      seen.add(key)
      entries.push({ day, holiday: Object.freeze({ date: h.date, title: h.title, kind: h.kind }) })
      const current = kind[day]
      if (current === WORKING || (current === CLOSURE && code === BANK_HOLIDAY)) {
        kind[day] = code
        titleOf.set(day, h.title)
      }
    }
    entries.sort((a, b) => a.day - b.day || kindCode(a.holiday) - kindCode(b.holiday))

    const cum = new Int32Array(DAY_COUNT)
    let total = 0
    for (let d = 0; d < DAY_COUNT; d++) {
      if (kind[d] === WORKING) total++
      cum[d] = total
    }
    const nth = new Int32Array(total + 1)
    nth[0] = -1
    for (let d = 0; d < DAY_COUNT; d++) if (kind[d] === WORKING) nth[cum[d]] = d

    this.kind = kind
    this.cum = cum
    this.nth = nth
    this.total = total
    this.titleOf = titleOf
    this.listDays = Int32Array.from(entries, (e) => e.day)
    this.list = entries.map((e) => e.holiday)
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.kind[dayNumber(date)] === WORKING
  }

  workingDaysBetween(a: IsoDate, b: IsoDate): number {
    return this.cum[dayNumber(b)] - this.cum[dayNumber(a)]
  }

  addWorkingDays(start: IsoDate, n: number): IsoDate {
    const s = dayNumber(start)
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working days to add must be a whole number >= 0, got ${n}`)
    if (n === 0) return isoDate(s)
    const k = this.cum[s] + n
    if (k > this.total) throw new CalendarRangeError(`${n} working days after ${start} is past the supported range`)
    return isoDate(this.nth[k])
  }

  explain(from: IsoDate, to: IsoDate): DayExplanation[] {
    const a = dayNumber(from)
    const b = dayNumber(to)
    const out: DayExplanation[] = []
    for (let d = a + 1; d <= b; d++) {
      const code = this.kind[d]
      if (code === WORKING) out.push({ date: isoDate(d), counted: true })
      else if (code === WEEKEND) out.push({ date: isoDate(d), counted: false, reason: 'weekend' })
      else out.push({ date: isoDate(d), counted: false, reason: REASONS[code], title: this.titleOf.get(d) })
    }
    return out
  }

  holidaysBetween(from: IsoDate, to: IsoDate): Holiday[] {
    const a = dayNumber(from)
    const b = dayNumber(to)
    const days = this.listDays
    let lo = 0
    let hi = days.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (days[mid] < a) lo = mid + 1
      else hi = mid
    }
    const out: Holiday[] = []
    for (let i = lo; i < days.length && days[i] <= b; i++) out.push({ ...this.list[i] })
    return out
  }
}

/** Builds the O(1) lookup tables for a calendar; inputs outside 1990-01-01..2102-12-31 throw `CalendarRangeError`. */
export function buildCalendar(def: CalendarDefinition): WorkingCalendar {
  return new TableCalendar(def)
}
