import { localDate, sameLocalTimeOn, type WorkingCalendar } from '../calendar/index.js'
import { laterOf } from './invariants.js'
import type { ClockState } from './types.js'

/**
 * When the service may act on a breach automatically (e.g. end a request with no planning progress, 000
 * §8): once the breach has been known for `graceWorkingDays` working days. It is known from the later of
 * the due instant and the moment the due instant was set (`scheduledAt`): a case entered weeks late is
 * not ended before its history can follow it in. The same local time, that many working days on.
 */
export function breachActionAt(clock: Pick<ClockState, 'dueAt'> & { scheduledAt: Date }, graceWorkingDays: number, calendar: WorkingCalendar): Date {
  const knownAt = laterOf(clock.scheduledAt, clock.dueAt)
  if (graceWorkingDays <= 0) return knownAt
  const later = calendar.addWorkingDays(localDate(knownAt, calendar.timeZone), graceWorkingDays)
  return sameLocalTimeOn(knownAt, later, calendar.timeZone)
}
