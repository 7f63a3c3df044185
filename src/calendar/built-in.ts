import { holidaysForDivision } from './bank-holidays.js'
import { FIRST_YEAR, LAST_TABLE_YEAR } from './iso-date.js'
import type { CalendarDefinition, Division, WorkingCalendar } from './types.js'
import { buildCalendar } from './working-calendar.js'

/** The built-in calendars all run on UK local time. */
export const BUILT_IN_TIME_ZONE = 'Europe/London'

/** A division's calendar: id = division, every bank holiday from the rules for 1990–2102. */
export function builtInDefinition(division: Division): CalendarDefinition {
  return { id: division, timeZone: BUILT_IN_TIME_ZONE, holidays: holidaysForDivision(division, FIRST_YEAR, LAST_TABLE_YEAR) }
}

const cache = new Map<Division, WorkingCalendar>()

/** The division's built-in calendar, built on first use and cached. */
export function builtInCalendar(division: Division): WorkingCalendar {
  let calendar = cache.get(division)
  if (calendar === undefined) {
    calendar = buildCalendar(builtInDefinition(division))
    cache.set(division, calendar)
  }
  return calendar
}
