import { easterSunday } from './easter.js'
import { CalendarRangeError } from './errors.js'
import { dayFromParts, dayNumber, FIRST_YEAR, isoDate, isWeekend, LAST_TABLE_YEAR, weekdayOf } from './iso-date.js'
import { ONE_OFF_HOLIDAYS } from './one-off-holidays.js'
import { DIVISIONS, type Division, type Holiday } from './types.js'

/** Titles as GOV.UK publishes them in bank-holidays.json. */
export const TITLES = {
  newYear: 'New Year’s Day',
  secondJanuary: '2nd January',
  stPatrick: 'St Patrick’s Day',
  goodFriday: 'Good Friday',
  easterMonday: 'Easter Monday',
  earlyMay: 'Early May bank holiday',
  spring: 'Spring bank holiday',
  boyne: 'Battle of the Boyne (Orangemen’s Day)',
  summer: 'Summer bank holiday',
  stAndrew: 'St Andrew’s Day',
  christmas: 'Christmas Day',
  boxing: 'Boxing Day',
} as const

/** First year St Andrew's Day is a bank holiday: St Andrew's Day Bank Holiday (Scotland) Act 2007. */
export const ST_ANDREW_FIRST_YEAR = 2007

interface Entry {
  day: number
  title: string
}

function firstWeekdayOnOrAfter(day: number): number {
  while (isWeekend(day)) day++
  return day
}

/** Monday = 0, so the first Monday on or after `day`. */
function mondayOnOrAfter(day: number): number {
  return day + ((7 - weekdayOf(day)) % 7)
}

function lastMondayOf(year: number, month: number): number {
  const next = month === 12 ? dayFromParts(year + 1, 1, 1) : dayFromParts(year, month + 1, 1)
  const last = next - 1
  return last - weekdayOf(last)
}

/**
 * Fixed-date holidays observed together: one that falls on a weekday keeps its date; one that falls
 * at a weekend moves to the next weekday not already a holiday, in calendar order. This gives GOV.UK's
 * Christmas substitutes: Christmas on Saturday → Mon 27 and Tue 28; on Sunday → Boxing Day Mon 26 and
 * Christmas Tue 27; Boxing Day on Saturday → Mon 28.
 */
function observeTogether(days: number[]): number[] {
  const taken = new Set(days.filter((d) => !isWeekend(d)))
  return days.map((d) => {
    if (!isWeekend(d)) return d
    let s = d
    while (isWeekend(s) || taken.has(s)) s++
    taken.add(s)
    return s
  })
}

function assertDivision(division: Division): void {
  if (!(DIVISIONS as readonly string[]).includes(division)) throw new TypeError(`Unknown division: ${String(division)}`)
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_TABLE_YEAR) {
    throw new CalendarRangeError(`Year ${year} is outside the supported range ${FIRST_YEAR}..${LAST_TABLE_YEAR}`)
  }
}

function ruleHolidays(division: Division, year: number): Entry[] {
  const out: Entry[] = []
  const add = (day: number, title: string) => out.push({ day, title })

  if (division === 'scotland') {
    /**
     * Scotland: 1 and 2 January (1971 Act Sch. 1 and proclamations) are observed on the first two
     * weekdays of the year, labelled as GOV.UK does since 2022–23 (New Year's Day first).
     */
    const newYear = firstWeekdayOnOrAfter(dayFromParts(year, 1, 1))
    add(newYear, TITLES.newYear)
    add(firstWeekdayOnOrAfter(newYear + 1), TITLES.secondJanuary)
  } else {
    /** England & Wales, Northern Ireland: 1 January, or the next Monday when it is at a weekend (annual proclamation). */
    add(firstWeekdayOnOrAfter(dayFromParts(year, 1, 1)), TITLES.newYear)
  }

  /** Northern Ireland: 17 March, or the next Monday when it is at a weekend (1971 Act Sch. 1). */
  if (division === 'northern-ireland') add(firstWeekdayOnOrAfter(dayFromParts(year, 3, 17)), TITLES.stPatrick)

  /** Good Friday everywhere (common law / 1971 Act in Scotland); Easter Monday except in Scotland (1971 Act Sch. 1). */
  const easter = easterSunday(year)
  const easterDay = dayFromParts(year, easter.month, easter.day)
  add(easterDay - 2, TITLES.goodFriday)
  if (division !== 'scotland') add(easterDay + 1, TITLES.easterMonday)

  /** Early May: first Monday in May (proclamation since 1978). Spring: last Monday in May (1971 Act Sch. 1). */
  add(mondayOnOrAfter(dayFromParts(year, 5, 1)), TITLES.earlyMay)
  add(lastMondayOf(year, 5), TITLES.spring)

  /** Northern Ireland: 12 July, or the next Monday when it is at a weekend (annual proclamation). */
  if (division === 'northern-ireland') add(firstWeekdayOnOrAfter(dayFromParts(year, 7, 12)), TITLES.boyne)

  /** Summer: first Monday in August in Scotland, last Monday in August elsewhere (1971 Act Sch. 1). */
  add(division === 'scotland' ? mondayOnOrAfter(dayFromParts(year, 8, 1)) : lastMondayOf(year, 8), TITLES.summer)

  /** Scotland from 2007: 30 November, or the next Monday when it is at a weekend (2007 Act s.1). */
  if (division === 'scotland' && year >= ST_ANDREW_FIRST_YEAR) {
    add(firstWeekdayOnOrAfter(dayFromParts(year, 11, 30)), TITLES.stAndrew)
  }

  /** Christmas Day and Boxing Day with substitute days (1971 Act Sch. 1 and proclamations). */
  const [christmas, boxing] = observeTogether([dayFromParts(year, 12, 25), dayFromParts(year, 12, 26)])
  add(christmas, TITLES.christmas)
  add(boxing, TITLES.boxing)
  return out
}

function applyOneOffs(division: Division, year: number, entries: Entry[]): Entry[] {
  const prefix = `${year}-`
  for (const change of ONE_OFF_HOLIDAYS) {
    if (!change.date.startsWith(prefix) || !change.divisions.includes(division)) continue
    if (change.replaces !== undefined) {
      const replaced = dayNumber(change.replaces)
      const i = entries.findIndex((e) => e.day === replaced)
      if (i < 0) throw new Error(`One-off ${change.date} replaces ${change.replaces}, which is not a ${division} holiday`)
      entries.splice(i, 1)
    }
    entries.push({ day: dayNumber(change.date), title: change.title })
  }
  return entries
}

/** The bank holidays of one division in one year (1990–2102): rules plus the one-off changes, in date order. */
export function bankHolidays(division: Division, year: number): Holiday[] {
  assertDivision(division)
  assertYear(year)
  const entries = applyOneOffs(division, year, ruleHolidays(division, year)).sort((a, b) => a.day - b.day)
  for (let i = 1; i < entries.length; i++) {
    if (entries[i].day === entries[i - 1].day) throw new Error(`Two ${division} holidays on ${isoDate(entries[i].day)}`)
  }
  return entries.map((e) => ({ date: isoDate(e.day), title: e.title, kind: 'bank_holiday' }))
}

/** The bank holidays of one division for `fromYear`..`toYear` inclusive, in date order. */
export function holidaysForDivision(division: Division, fromYear: number, toYear: number): Holiday[] {
  assertYear(fromYear)
  assertYear(toYear)
  const out: Holiday[] = []
  for (let year = fromYear; year <= toYear; year++) out.push(...bankHolidays(division, year))
  return out
}
