import { DateTime } from 'luxon'

/** `?asOf=` as an instant: an instant as given, a date as the end of that day in London; default now. */
export function parseAsOf(asOf: string | undefined, now: Date, timeZone = 'Europe/London'): Date {
  if (asOf === undefined) return now
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return DateTime.fromISO(asOf, { zone: timeZone }).endOf('day').toJSDate()
  return new Date(asOf)
}
