import type { CalendarDefinition, WorkingCalendar } from './types.js'
import { buildCalendar } from './working-calendar.js'

/** How many built calendars are kept: a new version (changed days) builds a new table. */
const MAX_CACHED = 64

/**
 * Built working calendars by calendar id and version, so the tables are built once per version. One is
 * owned by the app and passed wherever clocks are computed; `load` reads a version's days when it is
 * not yet built.
 *
 * Only built calendars are shared, never a load in progress: a caller's `load` runs on its own connection
 * (often inside its transaction). Were a second caller to wait on the first caller's load, a full pool of
 * transactions could all be waiting on a load that needs a free connection, and none would ever end.
 * Callers that miss at the same moment each build the table once.
 */
export class CalendarCache {
  private readonly built = new Map<string, WorkingCalendar>()

  async get(calendar: { id: string; version: number }, load: () => Promise<CalendarDefinition>): Promise<WorkingCalendar> {
    const key = `${calendar.id}@${calendar.version}`
    const found = this.built.get(key)
    if (found) return found
    const made = buildCalendar(await load())
    if (!this.built.has(key)) {
      const oldest = this.built.keys().next()
      if (this.built.size >= MAX_CACHED && !oldest.done) this.built.delete(oldest.value)
      this.built.set(key, made)
    }
    return this.built.get(key) ?? made
  }
}
