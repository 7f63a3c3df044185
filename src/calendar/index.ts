export { bankHolidays, holidaysForDivision, ST_ANDREW_FIRST_YEAR, TITLES } from './bank-holidays.js'
export { BUILT_IN_TIME_ZONE, builtInCalendar, builtInDefinition } from './built-in.js'
export { CalendarCache } from './calendar-cache.js'
export { easterSunday } from './easter.js'
export { CalendarRangeError, InvalidDateError } from './errors.js'
export {
  coveredYears,
  diffHolidays,
  type FieldError,
  type GovUkParseResult,
  mergeOfficial,
  type OfficialEvent,
  parseGovUkBankHolidays,
} from './govuk-import.js'
export {
  FIRST_DATE,
  FIRST_YEAR,
  isValidIsoDate,
  LAST_SUPPORTED_DATE,
  LAST_SUPPORTED_YEAR,
  LAST_TABLE_DATE,
  LAST_TABLE_YEAR,
  parseIsoDate,
} from './iso-date.js'
export { addCalendarUnits, type CalendarUnit, endOfLocalDay, localDate, sameLocalTimeOn } from './local-time.js'
export { type NaiveCalendar, naiveCalendar } from './naive.js'
export { ONE_OFF_HOLIDAYS, type OneOffHoliday } from './one-off-holidays.js'
export * from './types.js'
export { buildCalendar } from './working-calendar.js'
