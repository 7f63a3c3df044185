export * from './types.js'
export { CalendarRangeError, InvalidDateError } from './errors.js'
export {
  FIRST_DATE,
  FIRST_YEAR,
  LAST_SUPPORTED_DATE,
  LAST_SUPPORTED_YEAR,
  LAST_TABLE_DATE,
  LAST_TABLE_YEAR,
  isValidIsoDate,
  parseIsoDate,
} from './iso-date.js'
export { easterSunday } from './easter.js'
export { ONE_OFF_HOLIDAYS, type OneOffHoliday } from './one-off-holidays.js'
export { ST_ANDREW_FIRST_YEAR, TITLES, bankHolidays, holidaysForDivision } from './bank-holidays.js'
export { buildCalendar } from './working-calendar.js'
export { CalendarCache } from './calendar-cache.js'
export { BUILT_IN_TIME_ZONE, builtInCalendar, builtInDefinition } from './built-in.js'
export { addCalendarUnits, endOfLocalDay, localDate, sameLocalTimeOn, type CalendarUnit } from './local-time.js'
export {
  coveredYears,
  diffHolidays,
  mergeOfficial,
  parseGovUkBankHolidays,
  type FieldError,
  type GovUkParseResult,
  type OfficialEvent,
} from './govuk-import.js'
export { naiveCalendar, type NaiveCalendar } from './naive.js'
