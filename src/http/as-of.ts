import { DateTime } from 'luxon'
import { FIRST_DATE, LAST_SUPPORTED_DATE } from '../calendar/index.js'
import { invalidField } from './problems.js'

const FIRST_INSTANT = Date.parse(`${FIRST_DATE}T00:00:00Z`)
const LAST_INSTANT = Date.parse(`${LAST_SUPPORTED_DATE}T23:59:59.999Z`)

/**
 * `?asOf=` as an instant: an instant as given, a date as the end of that day in London; default now. SLA
 * fields are computed on the working calendar, so it must fall within the years the calendar covers.
 */
export function parseAsOf(asOf: string | undefined, now: Date, timeZone = 'Europe/London'): Date {
  if (asOf === undefined) return now
  const at = /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? DateTime.fromISO(asOf, { zone: timeZone }).endOf('day').toJSDate() : new Date(asOf)
  const time = at.getTime()
  if (Number.isNaN(time) || time < FIRST_INSTANT || time > LAST_INSTANT) {
    throw invalidField('asOf', `must be between ${FIRST_DATE} and ${LAST_SUPPORTED_DATE}`, 'query')
  }
  return at
}
