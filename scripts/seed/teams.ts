/** The seeded teams (a preset on a calendar each), their share of families and clock budgets, and their practitioners. */
import type { Insertable } from 'kysely'
import type { WorkingCalendar } from '../../src/calendar/index.js'
import { CalendarCache } from '../../src/calendar/index.js'
import { findCalendarById } from '../../src/calendars/calendar.repository.js'
import type { createDb } from '../../src/db/database.js'
import type { TeamsTable } from '../../src/db/schema.js'
import type { PractitionersTable } from '../../src/db/tables/practitioner.table.js'
import { type PresetId, presetById, type StandardsPreset } from '../../src/sla/index.js'
import { workingCalendarFor } from '../../src/working-calendars/working-calendars.js'
import type { Options } from './options.js'
import { newId, type Random } from './random.js'
import { Scheduler } from './scheduler.js'
import { clamp, DAY, FIRST_DAY, HOUR, MINUTE } from './time.js'

const CALENDAR_IDS = ['england-and-wales', 'scotland', 'northern-ireland'] as const
const PRESET_CYCLE: PresetId[] = ['trt', 'targeted-help', 'level-3', 'early-help']
/**
 * How families and clocks spread over the presets. `families`: the preset's share of families, split
 * between its teams (TRT is a small specialist service). `clocks`: a family's clock budget, relative (a TRT
 * case makes a dozen clocks plus two a week of weekly contact, a Targeted Help case two); scaled, with
 * `caseClocks` (about what one case makes), so the mean budget is `--clocks-per-family`.
 */
const PRESET_PROFILE: Record<PresetId, { families: number; clocks: number; caseClocks: number }> = {
  trt: { families: 0.12, clocks: 40, caseClocks: 40 },
  'level-3': { families: 0.33, clocks: 10, caseClocks: 8 },
  'targeted-help': { families: 0.3, clocks: 4, caseClocks: 2 },
  'early-help': { families: 0.25, clocks: 6, caseClocks: 6 },
}

export interface Team {
  row: Insertable<TeamsTable>
  preset: StandardsPreset
  calendar: WorkingCalendar
  scheduler: Scheduler
  practitioners: Insertable<PractitionersTable>[]
  /** Who cases are allocated to: practitioners and senior practitioners. */
  workers: string[]
  specialists: string[]
  /** The team's share of families, a family's mean clock budget, and about how many clocks one case makes. */
  familyShare: number
  budget: number
  caseClocks: number
}

const SPECIALISM_CYCLE = ['mental_health', 'substance_misuse', 'domestic_abuse', 'sexual_exploitation'] as const

function practitionerRows(rng: Random, teamIndex: number, teamId: string, count: number, createdAt: number): Insertable<PractitionersTable>[] {
  return Array.from({ length: count }, (_, j) => {
    const role = j === 0 ? 'team_manager' : j <= 2 ? 'senior_practitioner' : j >= count - 2 ? 'specialist' : 'practitioner'
    const label = `${String(teamIndex + 1).padStart(2, '0')}-${String(j + 1).padStart(2, '0')}`
    return {
      id: newId(rng, createdAt + j * MINUTE),
      teamId,
      name: `Synthetic Practitioner ${label}`,
      email: `seed-practitioner-${label}@example.invalid`,
      role,
      specialism: role === 'specialist' ? SPECIALISM_CYCLE[j % SPECIALISM_CYCLE.length] : null,
      caseloadCapacity: 20,
      createdAt: new Date(createdAt),
      updatedAt: new Date(createdAt),
    }
  })
}

/** Team i runs preset i mod 4 on calendar i mod 3, so 8 teams cover every preset on two or three calendars. */
export async function buildTeams(rng: Random, db: ReturnType<typeof createDb>, options: Options): Promise<Team[]> {
  const schedulers = new Map<string, Scheduler>()
  const cache = new CalendarCache()
  const teams: Team[] = []
  for (let i = 0; i < options.teams; i++) {
    const presetId = PRESET_CYCLE[i % PRESET_CYCLE.length]
    const calendarId = CALENDAR_IDS[i % CALENDAR_IDS.length]
    const calendarRow = await findCalendarById(db, calendarId)
    if (!calendarRow) throw new Error(`The built-in calendar ${calendarId} is missing: run the migrations`)
    const calendar = await workingCalendarFor(db, cache, calendarRow)
    const scheduler = schedulers.get(calendar.id) ?? new Scheduler(calendar)
    schedulers.set(calendar.id, scheduler)
    const preset = presetById(presetId)
    const createdAt = FIRST_DAY - 30 * DAY + i * HOUR
    const id = newId(rng, createdAt)
    teams.push({
      row: {
        id,
        name: `Seed team ${i + 1}: ${preset.title} (${calendarRow.name})`,
        calendarId: calendarRow.id,
        standardsPreset: presetId,
        caseloadCapacity: 20,
        createdAt: new Date(createdAt),
        updatedAt: new Date(createdAt),
      },
      preset,
      calendar,
      scheduler,
      practitioners: [],
      workers: [],
      specialists: [],
      familyShare: PRESET_PROFILE[presetId].families,
      budget: PRESET_PROFILE[presetId].clocks,
      caseClocks: PRESET_PROFILE[presetId].caseClocks,
    })
  }
  scaleProfiles(teams, options.clocksPerFamily)
  for (const [i, team] of teams.entries()) staffTeam(rng, team, i, options.families)
  return teams
}

/** About one practitioner for every 350 families the team sees over the years (4 to 60). */
function staffTeam(rng: Random, team: Team, index: number, families: number): void {
  const count = clamp(Math.round((families * team.familyShare) / 350), 4, 60)
  team.practitioners = practitionerRows(rng, index, team.row.id, count, (team.row.createdAt as Date).getTime())
  team.workers = team.practitioners.filter((p) => p.role === 'practitioner' || p.role === 'senior_practitioner').map((p) => p.id)
  team.specialists = team.practitioners.filter((p) => p.role === 'specialist').map((p) => p.id)
}

/** Splits each preset's share of families between its teams, and scales budgets so their mean is `clocksPerFamily`. */
function scaleProfiles(teams: Team[], clocksPerFamily: number): void {
  const teamsOf = (presetId: string) => teams.filter((t) => t.preset.id === presetId).length
  for (const team of teams) team.familyShare /= teamsOf(team.preset.id)
  const shares = teams.reduce((sum, t) => sum + t.familyShare, 0)
  for (const team of teams) team.familyShare /= shares
  const factor = clocksPerFamily / teams.reduce((sum, t) => sum + t.familyShare * t.budget, 0)
  for (const team of teams) {
    team.budget *= factor
    team.caseClocks *= factor
  }
}
