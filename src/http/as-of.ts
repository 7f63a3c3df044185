import { DateTime } from 'luxon'
import { invalidField } from './problems.js'

/** `?asOf=` as an instant: an instant as given, a date as the end of that day in London; default now. */
export function parseAsOf(asOf: string | undefined, now: Date, timeZone = 'Europe/London'): Date {
  if (asOf === undefined) return now
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return DateTime.fromISO(asOf, { zone: timeZone }).endOf('day').toJSDate()
  return new Date(asOf)
}

/** Clock skew allowed between a case system and this service. */
const FUTURE_GRACE_MS = 60_000

/** Event times may be backfilled but never lie in the future. */
export function assertNotFuture(field: string, value: string | undefined | null, now: Date): void {
  if (value && new Date(value).getTime() > now.getTime() + FUTURE_GRACE_MS) {
    throw invalidField(field, 'must not be in the future')
  }
}
