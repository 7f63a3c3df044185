import type { CalendarDefinition, WorkingCalendar } from './types.js'
import { buildCalendar } from './working-calendar.js'

/** How many built calendars are kept: a new version (changed days) builds a new table. */
const MAX_CACHED = 64

/**
 * Built working calendars by calendar id and version, so the tables are built once per version. One is
 * owned by the app and passed wherever clocks are computed; `load` reads a version's days when it is
 * not yet built.
 */
export class CalendarCache {
  private readonly built = new Map<string, Promise<WorkingCalendar>>()

  get(calendar: { id: string; version: number }, load: () => Promise<CalendarDefinition>): Promise<WorkingCalendar> {
    const key = `${calendar.id}@${calendar.version}`
    let found = this.built.get(key)
    if (!found) {
      found = load().then(buildCalendar)
      found.catch(() => this.built.delete(key))
      const oldest = this.built.keys().next()
      if (this.built.size >= MAX_CACHED && !oldest.done) this.built.delete(oldest.value)
      this.built.set(key, found)
    }
    return found
  }
}
