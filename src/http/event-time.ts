import { FIRST_DATE, LAST_SUPPORTED_DATE } from '../calendar/index.js'
import { invalidField } from './problems.js'

/** Clock skew allowed between a case system and this service. */
const FUTURE_GRACE_MS = 60_000
const FIRST_INSTANT = Date.parse(`${FIRST_DATE}T00:00:00Z`)
const LAST_INSTANT = Date.parse(`${LAST_SUPPORTED_DATE}T00:00:00Z`)

/** Something a dated change may not come before: the record it belongs to, or an earlier step of it. */
export interface Since {
  at: Date | string | null | undefined
  /** e.g. "the allocation", "the suspension" */
  what: string
}

/** Throws a 400 naming `field` when `at` is before any of `since`. */
export function assertNotBefore(field: string, at: Date, ...since: Since[]): void {
  for (const { at: start, what } of since) {
    if (start === null || start === undefined) continue
    const from = start instanceof Date ? start : new Date(start)
    if (at < from) throw invalidField(field, `must not be before ${what} (${from.toISOString()})`)
  }
}

/**
 * When a recorded event happened (api.md: events carry their own times, default now, so case systems can
 * backfill history): within the years the calendar covers, never in the future, and never before what it
 * belongs to. The one check every service makes of a dated change.
 */
export function eventTime(now: Date, field: string, value: string | null | undefined, ...since: Since[]): Date {
  const at = value ? new Date(value) : now
  if (Number.isNaN(at.getTime()) || at.getTime() < FIRST_INSTANT || at.getTime() > LAST_INSTANT) {
    throw invalidField(field, `must be between ${FIRST_DATE} and ${LAST_SUPPORTED_DATE}`)
  }
  if (at.getTime() > now.getTime() + FUTURE_GRACE_MS) throw invalidField(field, 'must not be in the future')
  assertNotBefore(field, at, ...since)
  return at
}
