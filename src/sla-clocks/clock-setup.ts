import type { Transaction } from 'kysely'
import type { CalendarCache, WorkingCalendar } from '../calendar/index.js'
import type { Database } from '../db/schema.js'
import { presetById, type StandardsPreset } from '../sla/index.js'
import { workingCalendarFor } from '../working-calendars/working-calendars.js'
import { lockCalendarForClocks, lockTeamForClocks } from './clock-setup.repository.js'

type Trx = Transaction<Database>

/**
 * The presets of teams and the calendars of clocks for one change, each row read with a key-share lock held
 * to its end: a calendar's days, or a team's preset, cannot change under a change that starts or stops
 * clocks by them (those changes lock the rows for update).
 */
export class Setup {
  private readonly teams = new Map<string, { preset: StandardsPreset; calendarId: string }>()
  private readonly calendars = new Map<string, WorkingCalendar>()

  constructor(
    private readonly trx: Trx,
    private readonly cache: CalendarCache,
  ) {}

  async team(teamId: string) {
    let team = this.teams.get(teamId)
    if (!team) {
      const row = await lockTeamForClocks(this.trx, teamId)
      team = { preset: presetById(row.standardsPreset), calendarId: row.calendarId }
      this.teams.set(teamId, team)
    }
    return team
  }

  async calendar(id: string): Promise<WorkingCalendar> {
    let calendar = this.calendars.get(id)
    if (!calendar) {
      const row = await lockCalendarForClocks(this.trx, id)
      calendar = await workingCalendarFor(this.trx, this.cache, row)
      this.calendars.set(id, calendar)
    }
    return calendar
  }
}
