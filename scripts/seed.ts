/**
 * Seeds a realistic volume of casework, for benchmarks: teams on the three built-in calendars under the
 * shipped presets, their practitioners, families, requests for service, allocations, and SLA clocks (with
 * their pauses) from 1 January 2024 to `--now`.
 *
 *   npm run seed -- [--families 100000] [--clocks-per-family 10] [--teams 8] [--seed 1] [--now 2026-01-01T00:00:00Z]
 *
 * How the clocks are made: each family's cases are scripted as domain events (a request received,
 * allocated, an intervention started, weekly contacts, audits, suspensions, escalations, ...), with the
 * time each obligation is met drawn around its standard's target: mostly on time, some late, a few never.
 * The real SLA engine (`planClockChanges`, `applyResume`) turns the events into clock starts, stops,
 * pauses, resumes and cancellations, exactly as `recordAndApply` does, and every due date, due instant and
 * due-soon instant comes from `scheduleFor` on the team's working calendar (`loadWorkingCalendar`).
 * Events after `--now` have not happened, so their clocks are still open (on track, due soon, overdue or
 * paused). The jobs' work is done too: a TRT planning clock that breaches is acted on as the service
 * does (the request is ended), and clocks that went overdue while open carry `overdue_announced_at`, so
 * a server started on the data does not announce years of backlog at once.
 * Families spread over the teams, and how many clocks a family gets is steered by a budget; both by
 * preset (`PRESET_PROFILE`), scaled so the mean budget is `--clocks-per-family`.
 *
 * Rows are written in bulk, not through HTTP: one transaction per chunk of families, one multi-row
 * `INSERT ... SELECT * FROM unnest($1::uuid[], ...)` per table, two connections taking turns while the next
 * chunk is generated; then VACUUM (ANALYZE). The event outbox stays empty, and so do the newer tables
 * (interventions, contacts, escalations, consultations): those subjects exist only as clocks' subject ids.
 *
 * Database: DATABASE_URL when set; else the embedded PostgreSQL in DATA_DIR on EMBEDDED_PG_PORT, started
 * like `src/server.ts` does (database `family_work`, migrated to the latest). It refuses a database that
 * already holds families. Deterministic for a given `--seed` and `--now` (default: today 00:00 UTC).
 */
import { existsSync, promises as fs } from 'node:fs'
import path from 'node:path'
import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import type { Insertable } from 'kysely'
import { IANAZone } from 'luxon'
import pg from 'pg'
import { v7 as uuidv7 } from 'uuid'
import { localDate, type WorkingCalendar } from '../src/calendar/index.js'
import { loadWorkingCalendar } from '../src/calendars/calendar-registry.js'
import { loadConfig } from '../src/config.js'
import { createDb } from '../src/db/database.js'
import { EMBEDDED_DATABASE } from '../src/db/embedded-database.js'
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedCluster } from '../src/db/embedded.js'
import { migrateToLatest } from '../src/db/migrate.js'
import type {
  AllocationsTable, FamiliesTable, PractitionersTable, ServiceRequestsTable, SlaClockPausesTable, SlaClocksTable, TeamsTable,
} from '../src/db/schema.js'
import { ROUTES } from '../src/service-requests/service-request.schemas.js'
import { presetById } from '../src/sla-clocks/presets.js'
import { scheduleFor } from '../src/sla-clocks/record-and-apply.js'
import { applyResume, planClockChanges, type PresetId, type StandardsPreset, type SubjectRef } from '../src/sla/index.js'

// ---------------------------------------------------------------------------------------------------
// Options and constants
// ---------------------------------------------------------------------------------------------------

/** A mistake in how the seed was run: reported without a stack trace. */
class UsageError extends Error {}

interface Options {
  families: number
  clocksPerFamily: number
  teams: number
  seed: number
  now: Date
}

const DAY = 86_400_000
const HOUR = 3_600_000
const MINUTE = 60_000
const FIRST_DAY = Date.UTC(2024, 0, 1)
const FAMILIES_PER_CHUNK = 1_000
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

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      families: { type: 'string', default: '100000' },
      'clocks-per-family': { type: 'string', default: '10' },
      teams: { type: 'string', default: '8' },
      seed: { type: 'string', default: '1' },
      now: { type: 'string' },
    },
  })
  const positive = (name: string, value: string) => {
    const n = Number(value)
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive whole number, got ${value}`)
    return n
  }
  const today = new Date()
  const now = values.now ? new Date(values.now) : new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()))
  if (Number.isNaN(now.getTime()) || now.getTime() < FIRST_DAY + 30 * DAY) throw new UsageError(`--now must be an instant after February 2024, got ${values.now}`)
  return {
    families: positive('families', values.families!),
    clocksPerFamily: positive('clocks-per-family', values['clocks-per-family']!),
    teams: positive('teams', values.teams!),
    seed: positive('seed', values.seed!),
    now,
  }
}

// ---------------------------------------------------------------------------------------------------
// Deterministic randomness and ids
// ---------------------------------------------------------------------------------------------------

/** mulberry32: small, fast and good enough for synthetic data; one stream per run makes it repeatable. */
class Random {
  private state: number
  constructor(seed: number) {
    this.state = seed >>> 0
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  between(min: number, max: number): number {
    return min + this.next() * (max - min)
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]
  }
  weighted<K extends string | number>(weights: Record<K, number>): K {
    const entries = Object.entries(weights) as [K, number][]
    let r = this.next() * entries.reduce((sum, [, w]) => sum + w, 0)
    for (const [key, w] of entries) if ((r -= w) < 0) return key
    return entries[entries.length - 1][0]
  }
  bytes16(): Uint8Array {
    const bytes = new Uint8Array(16)
    for (let i = 0; i < 16; i += 4) {
      const word = Math.floor(this.next() * 4294967296)
      bytes[i] = word >>> 24
      bytes[i + 1] = (word >>> 16) & 0xff
      bytes[i + 2] = (word >>> 8) & 0xff
      bytes[i + 3] = word & 0xff
    }
    return bytes
  }
}

/** A UUID v7 whose timestamp is when the record came to be, and whose random part comes from the seed. */
const newId = (rng: Random, at: number): string => uuidv7({ msecs: at, random: rng.bytes16() })

const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10)
const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n))

// ---------------------------------------------------------------------------------------------------
// Scheduling: the real calendar code, memoised
// ---------------------------------------------------------------------------------------------------

/**
 * luxon's `IANAZone.isValidZone` builds a new Intl.DateTimeFormat on every call (~0.1 ms), and the
 * calendar code checks the zone on every local-date conversion; a zone's validity never changes, so this
 * process remembers it. Results are unchanged, only faster.
 */
function rememberValidZones(): void {
  const isValidZone = IANAZone.isValidZone.bind(IANAZone)
  const known = new Map<string, boolean>()
  IANAZone.isValidZone = (zone: string) => {
    let valid = known.get(zone)
    if (valid === undefined) known.set(zone, (valid = isValidZone(zone)))
    return valid
  }
}

type Schedule = ReturnType<typeof scheduleFor>
type Target = { amount: number; unit: SlaClocksTable['targetUnit'] }

/**
 * `scheduleFor` on one working calendar, memoised (luxon's time-zone work costs ~0.4 ms a call, and we
 * make a million). For every unit but hours the schedule depends only on the local start date; for
 * hours (whole hours, in a zone whose offsets and changes fall on whole hours) the due instant moves
 * with the start within its UTC hour and the rest depends on that hour. Every 500th call is checked
 * against a direct call, and a difference stops the seed.
 */
class Scheduler {
  private readonly memo = new Map<string, Schedule>()
  private readonly localDates = new Map<number, string>()
  private calls = 0
  constructor(readonly calendar: WorkingCalendar) {}

  schedule(target: Target, startedAt: Date, pausedWorkingDays: number, dueSoonWithin: number): Schedule {
    const result = this.memoised(target, startedAt, pausedWorkingDays, dueSoonWithin)
    if (++this.calls % 500 === 0) this.check(result, target, startedAt, pausedWorkingDays, dueSoonWithin)
    return result
  }

  private memoised(target: Target, startedAt: Date, paused: number, dueSoonWithin: number): Schedule {
    const t = startedAt.getTime()
    const hourStart = Math.floor(t / HOUR) * HOUR
    const hourly = target.unit === 'hours'
    const key = `${target.amount}|${target.unit}|${paused}|${dueSoonWithin}|${hourly ? hourStart : this.localDateOf(hourStart)}`
    let cached = this.memo.get(key)
    if (!cached) {
      cached = scheduleFor(target, hourly ? new Date(hourStart) : startedAt, paused, dueSoonWithin, this.calendar)
      this.memo.set(key, cached)
    }
    if (hourly && paused === 0) return { ...cached, dueAt: new Date(cached.dueAt.getTime() + (t - hourStart)) }
    return cached
  }

  /** The local date of an instant, by the UTC hour it falls in. */
  private localDateOf(hourStart: number): string {
    let date = this.localDates.get(hourStart)
    if (date === undefined) {
      date = localDate(new Date(hourStart), this.calendar.timeZone)
      this.localDates.set(hourStart, date)
    }
    return date
  }

  private check(result: Schedule, target: Target, startedAt: Date, paused: number, dueSoonWithin: number) {
    const direct = scheduleFor(target, startedAt, paused, dueSoonWithin, this.calendar)
    if (direct.dueDate !== result.dueDate || direct.dueAt.getTime() !== result.dueAt.getTime() || direct.dueSoonAt.getTime() !== result.dueSoonAt.getTime()) {
      throw new Error(`memoised schedule differs from scheduleFor for ${JSON.stringify({ target, startedAt, paused, calendar: this.calendar.id })}`)
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Teams, practitioners and families
// ---------------------------------------------------------------------------------------------------

interface Team {
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
      id: newId(rng, createdAt + j * MINUTE), teamId, name: `Synthetic Practitioner ${label}`, email: `seed-practitioner-${label}@example.invalid`,
      role, specialism: role === 'specialist' ? SPECIALISM_CYCLE[j % SPECIALISM_CYCLE.length] : null, caseloadCapacity: 20,
      createdAt: new Date(createdAt), updatedAt: new Date(createdAt),
    }
  })
}

/** Team i runs preset i mod 4 on calendar i mod 3, so 8 teams cover every preset on two or three calendars. */
async function buildTeams(rng: Random, db: ReturnType<typeof createDb>, options: Options): Promise<Team[]> {
  const schedulers = new Map<string, Scheduler>()
  const teams: Team[] = []
  for (let i = 0; i < options.teams; i++) {
    const presetId = PRESET_CYCLE[i % PRESET_CYCLE.length]
    const { row: calendarRow, calendar } = await loadWorkingCalendar(db, CALENDAR_IDS[i % CALENDAR_IDS.length])
    if (!schedulers.has(calendar.id)) schedulers.set(calendar.id, new Scheduler(calendar))
    const preset = presetById(presetId)
    const createdAt = FIRST_DAY - 30 * DAY + i * HOUR
    const id = newId(rng, createdAt)
    teams.push({
      row: {
        id, name: `Seed team ${i + 1}: ${preset.title} (${calendarRow.name})`, calendarId: calendarRow.id, standardsPreset: presetId,
        caseloadCapacity: 20, createdAt: new Date(createdAt), updatedAt: new Date(createdAt),
      },
      preset, calendar, scheduler: schedulers.get(calendar.id)!, practitioners: [], workers: [], specialists: [],
      familyShare: PRESET_PROFILE[presetId].families, budget: PRESET_PROFILE[presetId].clocks, caseClocks: PRESET_PROFILE[presetId].caseClocks,
    })
  }
  scaleProfiles(teams, options.clocksPerFamily)
  teams.forEach((team, i) => staffTeam(rng, team, i, options.families))
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

const PLAN_WEIGHTS = { none: 0.2, early_help: 0.45, child_in_need: 0.2, child_protection: 0.1, looked_after: 0.05 } as const

/** A family of obviously synthetic members: one or two parents or carers, one to four children. */
function familyRow(rng: Random, index: number, teamId: string, createdAt: number): Insertable<FamiliesTable> {
  const reference = `SEED-${String(index + 1).padStart(7, '0')}`
  const familyName = `Seedfamily ${String(index + 1).padStart(7, '0')}`
  const member = (role: 'child' | 'parent_carer' | 'other_adult', givenName: string, ageYears: [number, number]) => ({
    id: newId(rng, createdAt), givenName, familyName, role,
    dateOfBirth: isoDate(createdAt - Math.floor(rng.between(ageYears[0], ageYears[1]) * 365.25) * DAY),
  })
  const members = [
    ...Array.from({ length: rng.int(1, 2) }, (_, k) => member('parent_carer', `Parent ${k + 1}`, [19, 55])),
    ...Array.from({ length: rng.int(1, 4) }, (_, k) => member('child', `Child ${k + 1}`, [0, 17.9])),
    ...(rng.chance(0.1) ? [member('other_adult', 'Adult 1', [18, 80])] : []),
  ]
  return {
    id: newId(rng, createdAt), teamId, reference, tier: Number(rng.weighted({ 2: 0.3, 3: 0.5, 4: 0.2 })),
    plan: rng.weighted(PLAN_WEIGHTS), members: JSON.stringify(members),
    address: JSON.stringify({ line1: `${index + 1} Synthetic Street`, town: 'Seedville', postcode: 'ZZ99 9ZZ' }),
    leadProfessional: rng.chance(0.3) ? JSON.stringify({ name: 'Synthetic Lead Professional', role: 'Social worker', organisation: 'Seed County Council' }) : null,
    createdAt: new Date(createdAt), updatedAt: new Date(createdAt),
  }
}

// ---------------------------------------------------------------------------------------------------
// Case scripts: the domain events of one request for service
// ---------------------------------------------------------------------------------------------------

interface Work {
  familyId: string
  teamId: string
  practitionerId: string | null
  serviceRequestId: string
}

interface ScriptEvent {
  type: string
  subject: SubjectRef
  parents: SubjectRef[]
  at: number
  work: Work
  reason?: string
}

/**
 * When an obligation is met, as a share of its target's span: in time (somewhere in `inTime`), late (5% to
 * 120% over), or never (forgotten: its clock stays open and goes overdue, unless something cancels it).
 */
interface Odds {
  late: number
  never: number
  inTime: [number, number]
}
const USUAL: Odds = { late: 0.08, never: 0.018, inTime: [0.1, 0.75] }
/** Recurring work (weekly contact, 8-weekly reviews) is done near its interval, not straight after the last. */
const RECURRING: Odds = { late: 0.07, never: 0.006, inTime: [0.55, 0.97] }
const HUB_FEEDBACK: Odds = { late: 0.2, never: 0.02, inTime: [0.1, 0.75] }

const wd = (amount: number): Target => ({ amount, unit: 'working_days' })
const days = (amount: number): Target => ({ amount, unit: 'calendar_days' })
const weeks = (amount: number): Target => ({ amount, unit: 'weeks' })
const months = (amount: number): Target => ({ amount, unit: 'months' })
const hours = (amount: number): Target => ({ amount, unit: 'hours' })
const SAME_DAY: Target = { amount: 0, unit: 'same_day' }

/** Roughly how long a target gives, in days: only to draw event times around it (the real due date is computed). */
function spanDays(target: Target): number {
  switch (target.unit) {
    case 'working_days': return target.amount * 1.4
    case 'calendar_days': return target.amount
    case 'weeks': return target.amount * 7
    case 'months': return target.amount * 30.4
    case 'hours': return target.amount / 24
    case 'same_day': return 0.25
  }
}

/** The next moment in office hours (08:00-18:00 UTC on a weekday) at or after `t`. */
function officeHours(rng: Random, t: number): number {
  const dayStart = Math.floor(t / DAY) * DAY
  const timeOfDay = t - dayStart
  const isWeekend = (day: number) => [0, 6].includes(new Date(day).getUTCDay())
  if (!isWeekend(dayStart) && timeOfDay >= 8 * HOUR && timeOfDay < 18 * HOUR) return t
  let next = timeOfDay < 8 * HOUR ? dayStart : dayStart + DAY
  while (isWeekend(next)) next += DAY
  return next + 8 * HOUR + 30 * MINUTE + rng.int(0, 120) * MINUTE
}

/** Builds one case's events; time helpers keep work in office hours on weekdays (UTC, near enough to UK time). */
class CaseScript {
  readonly events: ScriptEvent[] = []
  readonly request: SubjectRef
  end: number

  constructor(readonly rng: Random, readonly team: Team, readonly familyId: string, readonly receivedAt: number) {
    this.request = this.subject('service_request', receivedAt)
    this.end = receivedAt
  }

  subject(type: string, at: number): SubjectRef {
    return { type, id: newId(this.rng, at) }
  }

  /** Records an event that happens (`at` is null when it never does); true if it was recorded. */
  emit(type: string, subject: SubjectRef, parents: SubjectRef[], at: number | null, practitionerId: string | null, reason?: string): at is number {
    if (at === null) return false
    this.events.push({ type, subject, parents, at, reason, work: { familyId: this.familyId, teamId: this.team.row.id, practitionerId, serviceRequestId: this.request.id } })
    this.end = Math.max(this.end, at)
    return true
  }

  officeHours(t: number): number {
    return officeHours(this.rng, t)
  }

  /** Somewhere between `minDays` and `maxDays` after `t`, in office hours. */
  later(t: number, minDays: number, maxDays: number): number {
    return this.officeHours(t + this.rng.between(minDays, maxDays) * DAY)
  }

  /** When an obligation with this target, counted from `t`, is met: mostly in time, sometimes late, rarely never. */
  when(t: number, target: Target, odds: Odds = USUAL): number | null {
    const r = this.rng.next()
    if (r < odds.never) return null
    const fraction = r < odds.never + odds.late ? this.rng.between(1.05, 2.2) : this.rng.between(...odds.inTime)
    const span = spanDays(target) * DAY
    if (span < 2 * DAY) return Math.round(t + MINUTE + fraction * span)
    return this.officeHours(t + fraction * span)
  }

  /** `t`, if it comes before `end`. */
  before(end: number, t: number | null): number | null {
    return t !== null && t < end ? t : null
  }

  pickWorker(): string {
    return this.rng.pick(this.team.workers)
  }
}

type Parents = SubjectRef[]
interface Suspension {
  from: number
  to: number
}

/** Now and then an intervention is suspended (e.g. a Section 47 enquiry) for a few weeks: pausable clocks pause. */
function maybeSuspend(c: CaseScript, I: SubjectRef, parents: Parents, from: number, to: number, worker: string): Suspension | null {
  if (!c.rng.chance(0.1)) return null
  const at = c.later(from, 7, Math.max(8, ((to - from) / DAY) * 0.6))
  const resumed = c.later(at, 5, 60)
  c.emit('intervention.suspended', I, parents, at, worker)
  c.emit('intervention.resumed', I, parents, resumed, worker)
  return { from: at, to: resumed }
}

/** Weekly contacts from `from` to `to` (none while suspended), each recorded within about 2 working days. */
function weeklyContacts(c: CaseScript, I: SubjectRef, parents: Parents, from: number, to: number, pause: Suspension | null, worker: string) {
  let last = from
  for (;;) {
    let next = c.when(last, days(7), RECURRING)
    if (next !== null && pause && next >= pause.from && next < pause.to) next = c.later(pause.to, 0, 2)
    if (next === null || next >= to) return
    const contact = c.subject('contact', next)
    c.emit('contact.occurred', contact, [I, ...parents], next, worker)
    c.emit('contact.recorded', contact, [I, ...parents], c.when(next, wd(2)), worker)
    last = next
  }
}

/** The request is decided at `at`: accepted (most), declined or returned; or the requester withdraws it at `withdrawnAt`. */
function decide(c: CaseScript, at: number, withdrawnAt = at): 'accepted' | 'declined' | 'returned' | 'withdrawn' {
  const outcome = c.rng.weighted({ accepted: 0.88, declined: 0.05, returned: 0.04, withdrawn: 0.03 })
  if (outcome === 'declined' || outcome === 'returned') c.emit(`service-request.${outcome}`, c.request, [], at, null, `Synthetic ${outcome} reason`)
  if (outcome === 'withdrawn') c.emit('service-request.withdrawn', c.request, [], withdrawnAt, null, 'withdrawn')
  return outcome
}

/** The request is allocated to a worker: the allocation subject, recorded on the request. */
function allocate(c: CaseScript, at: number, worker: string): SubjectRef {
  const allocation = c.subject('allocation', at)
  c.emit('service-request.allocated', c.request, [], at, worker)
  c.emit('allocation.created', allocation, [c.request], at, worker)
  return allocation
}

/** The intervention ends (rarely, it drifts on and never does), and with it the allocation and the request. */
function close(c: CaseScript, I: SubjectRef | null, A: SubjectRef, at: number, worker: string): boolean {
  if (I && c.rng.chance(0.012)) return false
  if (I) c.emit('intervention.ended', I, [A, c.request], at, worker)
  c.emit('allocation.ended', A, [c.request], at, worker, 'completed')
  c.emit('service-request.ended', c.request, [], at, worker, 'completed')
  return true
}

/** TRT (000): allocation in 3 working days, planning in 10, then up to 6 months of weekly contact, audits and reviews. */
function trtCase(c: CaseScript, budget: number): void {
  const R = c.request
  c.emit('service-request.received', R, [], c.receivedAt, null)
  const decided = c.when(c.receivedAt, wd(3))
  if (decided === null || decide(c, decided) !== 'accepted') return
  c.emit('service-request.accepted', R, [], decided, null)
  const worker = c.pickWorker()
  const A = allocate(c, decided, worker)
  const discussed = c.when(decided, wd(5))
  const visited = c.when(decided, wd(10))
  c.emit('allocation.case-discussion-held', A, [R], discussed, worker)
  c.emit('allocation.joint-visit-held', A, [R], visited, worker)
  if (c.rng.chance(0.2)) consultation(c, decided)
  if (c.rng.chance(0.08)) disagreement(c, decided, worker)
  if (c.rng.chance(0.03)) safeguardingIncident(c, decided, worker)
  if (discussed === null && visited === null) return // no planning progress: the service ends the request

  const started = c.later(Math.max(discussed ?? 0, visited ?? 0), 1, 10)
  const I = c.subject('intervention', started)
  const parents = [A, R]
  c.emit('intervention.started', I, parents, started, worker)
  let end = started + clamp(Math.round((budget - 14) / 2) + c.rng.int(-1, 3), 3, 26) * 7 * DAY
  const pause = maybeSuspend(c, I, parents, started, end, worker)
  if (pause) end += pause.to - pause.from
  end = c.officeHours(end)
  weeklyContacts(c, I, parents, started, end, pause, worker)
  c.emit('intervention.first-audit-recorded', I, parents, c.before(end, c.when(started, weeks(4))), worker)
  c.emit('intervention.review-held', I, parents, c.before(end, c.when(started, weeks(12))), worker)
  c.emit('intervention.consent-extended', I, parents, c.before(end, c.when(started, months(3))), worker)
  c.emit('intervention.three-month-audit-recorded', I, parents, c.before(end, c.when(started, months(3))), worker)
  const supervision = c.before(end, c.when(started, months(3)))
  if (c.emit('intervention.joint-supervision-held', I, parents, supervision, worker)) {
    c.emit('intervention.joint-supervision-held', I, parents, c.before(end, c.when(supervision, months(3), RECURRING)), worker)
  }
  if (close(c, I, A, end, worker)) c.emit('intervention.final-audit-recorded', I, parents, c.when(end, wd(5)), worker)
  else c.emit('intervention.final-audit-recorded', I, parents, c.when(started, months(6)), worker)
}

/** A specialist consultation through the request: recorded within 2 working days, then discussed with a supervisor. */
function consultation(c: CaseScript, from: number): void {
  const held = c.later(from, 2, 40)
  const specialist = c.rng.pick(c.team.specialists)
  const subject = c.subject('consultation', held)
  c.emit('consultation.held', subject, [c.request], held, specialist)
  const recorded = c.when(held, wd(2))
  if (c.emit('consultation.recorded', subject, [c.request], recorded, specialist)) {
    c.emit('consultation.supervisor-discussed', subject, [c.request], c.when(recorded, wd(2)), specialist)
  }
}

/** A disagreement with social care: resolved, or taken to the service manager, within 2 working days of the senior discussion. */
function disagreement(c: CaseScript, from: number, worker: string): void {
  const raised = c.later(from, 3, 60)
  const subject = c.subject('escalation', raised)
  c.emit('escalation.raised', subject, [], raised, worker)
  const discussed = c.later(raised, 1, 5)
  c.emit('escalation.senior-discussion-held', subject, [], discussed, worker)
  const next = c.rng.chance(0.7) ? 'escalation.resolved' : 'escalation.raised-to-service-manager'
  c.emit(next, subject, [], c.when(discussed, wd(2)), worker)
}

function safeguardingIncident(c: CaseScript, from: number, worker: string): void {
  const identified = c.later(from, 3, 90)
  const subject = c.subject('escalation', identified)
  c.emit('escalation.safeguarding-incident-identified', subject, [], identified, worker)
  c.emit('escalation.raised-with-manager', subject, [], c.when(identified, SAME_DAY), worker)
}

/** Level 3 (002): allocate within 6 days of acceptance, visit within 5, plan in 20 working days, TAF reviews every 8 weeks. */
function level3Case(c: CaseScript): void {
  const R = c.request
  c.emit('service-request.received', R, [], c.receivedAt, null)
  const decided = c.later(c.receivedAt, 0.5, 7)
  const outcome = decide(c, decided, c.later(decided, 1, 5))
  if (outcome === 'declined' || outcome === 'returned') return
  c.emit('service-request.accepted', R, [], decided, null) // withdrawn after acceptance: its allocation clock is cancelled
  if (outcome === 'withdrawn') return
  const allocatedAt = c.when(decided, days(6))
  if (allocatedAt === null) return // never allocated: the allocation clock runs on
  const worker = c.pickWorker()
  const A = allocate(c, allocatedAt, worker)
  c.emit('allocation.initial-visit-held', A, [R], c.when(allocatedAt, days(5)), worker)
  c.emit('allocation.plan-signed-off', A, [R], c.when(allocatedAt, wd(20)), worker)
  const started = c.later(allocatedAt, 3, 14)
  const I = c.subject('intervention', started)
  const parents = [A, R]
  c.emit('intervention.started', I, parents, started, worker)
  let end = started + c.rng.between(3, 6.3) * 30.4 * DAY
  const pause = maybeSuspend(c, I, parents, started, end, worker)
  if (pause) end += pause.to - pause.from
  end = c.officeHours(end)
  let review = c.before(end, c.later(started, 5, 20))
  if (c.emit('intervention.first-meeting-held', I, parents, review, worker)) {
    while ((review = c.before(end, c.when(review!, weeks(8), RECURRING))) !== null) c.emit('intervention.taf-review-held', I, parents, review, worker)
  }
  c.emit('intervention.five-month-check-held', I, parents, c.before(end, c.when(started, months(5))), worker)
  c.emit('intervention.final-meeting-held', I, parents, end - HOUR, worker)
  close(c, I, A, end, worker)
}

/** Targeted Help (001): first review 6 weeks after allocation, ended within 12 weeks. */
function targetedHelpCase(c: CaseScript): void {
  const R = c.request
  c.emit('service-request.received', R, [], c.receivedAt, null)
  const decided = c.later(c.receivedAt, 1, 10)
  if (decide(c, decided) !== 'accepted') return
  c.emit('service-request.accepted', R, [], decided, null)
  const worker = c.pickWorker()
  const allocatedAt = c.later(decided, 1, 10)
  const A = allocate(c, allocatedAt, worker)
  const started = c.later(allocatedAt, 1, 10)
  const I = c.subject('intervention', started)
  const parents = [A, R]
  c.emit('intervention.started', I, parents, started, worker)
  let end = started + (c.rng.chance(0.1) ? c.rng.between(12.5, 18) : c.rng.between(5, 11.5)) * 7 * DAY
  const pause = maybeSuspend(c, I, parents, started, end, worker)
  if (pause) end += pause.to - pause.from
  end = c.officeHours(end)
  const review = c.when(allocatedAt, weeks(6))
  c.emit('intervention.review-held', I, parents, c.before(end, review === null ? null : Math.max(review, started + HOUR)), worker)
  close(c, I, A, end, worker)
}

/** Targeted Early Help (004): contacts to the safeguarding hub, followed up in writing in 48 hours, feedback in 5 working days. */
function earlyHelpCase(c: CaseScript, budget: number): void {
  const R = c.request
  c.emit('service-request.received', R, [], c.receivedAt, null)
  const decided = c.later(c.receivedAt, 1, 5)
  if (decide(c, decided) !== 'accepted') return
  c.emit('service-request.accepted', R, [], decided, null)
  const worker = c.pickWorker()
  const allocatedAt = c.later(decided, 1, 10)
  const A = allocate(c, allocatedAt, worker)
  const duration = c.rng.between(60, 180)
  const end = c.officeHours(allocatedAt + duration * DAY)
  const contacts = Array.from({ length: clamp(Math.round(budget / 1.6 + c.rng.between(-1, 1)), 1, 10) }, () => c.later(allocatedAt, 0, duration)).sort((a, b) => a - b)
  for (const at of contacts) {
    const E = c.subject('escalation', at)
    if (c.rng.chance(0.6)) {
      c.emit('escalation.hub-contacted-by-phone', E, [], at, worker)
      c.emit('escalation.written-follow-up-sent', E, [], c.when(at, hours(48)), worker)
    } else {
      c.emit('escalation.hub-contacted-in-writing', E, [], at, worker)
    }
    c.emit('escalation.feedback-given', E, [], c.when(at, wd(5), HUB_FEEDBACK), worker)
  }
  close(c, null, A, end, worker)
}

const SCRIPTS: Record<PresetId, (c: CaseScript, budget: number) => void> = {
  trt: trtCase,
  'level-3': level3Case,
  'targeted-help': targetedHelpCase,
  'early-help': earlyHelpCase,
}

// ---------------------------------------------------------------------------------------------------
// Simulation: the SLA engine over a case's events, as recordAndApply would have applied them
// ---------------------------------------------------------------------------------------------------

type ClockRecord = Insertable<SlaClocksTable> & {
  id: string
  standardKey: string
  subjectType: string
  subjectId: string
  startedAt: Date
  dueAt: Date
  dueSoonAt: Date
  pausedAt: Date | null
  pausedWorkingDays: number
  completedAt: Date | null
  cancelledAt: Date | null
  overdueAnnouncedAt: Date | null
  version: number
}
type PauseRecord = Insertable<SlaClockPausesTable> & { resumedAt: Date | null }

interface SimulatedCase {
  script: CaseScript
  /** The events that had happened by `now`, in order, including any the service caused by acting on a breach. */
  applied: ScriptEvent[]
  clocks: ClockRecord[]
  pauses: PauseRecord[]
}

/** When a job that runs every minute next runs after `t` (a couple of seconds into the minute). */
const jobRunAfter = (t: Date) => new Date(Math.ceil((t.getTime() + 1) / MINUTE) * MINUTE + 2_000)

const BREACH_ACTION_REASON = 'No planning progress: the request was ended by the service'

class CaseSimulator {
  readonly clocks: ClockRecord[] = []
  readonly pauses: PauseRecord[] = []
  readonly applied: ScriptEvent[] = []
  private open: ClockRecord[] = []

  constructor(private readonly rng: Random, private readonly team: Team, private readonly now: number) {}

  run(script: CaseScript): SimulatedCase {
    const events = script.events.slice().sort((a, b) => a.at - b.at)
    for (const event of events) {
      if (event.at > this.now) break
      if (this.actOnBreaches(event.at, script)) break
      this.apply(event)
    }
    this.actOnBreaches(this.now, script)
    this.announceOverdue()
    return { script, applied: this.applied, clocks: this.clocks, pauses: this.pauses }
  }

  /** The overdue job stamps, once, each clock that was still open (and not paused) just after its due instant. */
  private announceOverdue(): void {
    for (const clock of this.clocks) {
      const announcedAt = jobRunAfter(clock.dueAt)
      const closedAt = (clock.completedAt ?? clock.cancelledAt)?.getTime() ?? Infinity
      const pausedThrough = clock.pausedAt !== null && clock.pausedAt <= clock.dueAt
      if (announcedAt.getTime() < Math.min(closedAt, this.now) && !pausedThrough) clock.overdueAnnouncedAt = announcedAt
    }
  }

  /** One event through the engine, with the open clocks of its subject and the subject's ancestors. */
  private apply(event: ScriptEvent): void {
    this.applied.push(event)
    const subjects = new Set([event.subject.id, ...event.parents.map((p) => p.id)])
    const open = this.open.filter((clock) => subjects.has(clock.subjectId))
    const changes = planClockChanges(this.team.preset, {
      type: event.type, subjectType: event.subject.type, subjectId: event.subject.id, occurredAt: new Date(event.at), parentSubjects: event.parents,
    }, open)
    for (const change of changes) {
      if (change.kind === 'start') this.start(event, change.standardKey, change.subjectType, change.subjectId, change.startedAt, change.pausedAt)
      else this.change(this.open.find((c) => c.id === change.clockId)!, change.kind, change.at)
    }
    this.open = this.open.filter((c) => c.completedAt === null && c.cancelledAt === null)
  }

  private start(event: ScriptEvent, standardKey: string, subjectType: string, subjectId: string, startedAt: Date, pausedAt: Date | null): void {
    const standard = this.team.preset.standards.find((s) => s.key === standardKey)!
    const schedule = this.team.scheduler.schedule(standard.target, startedAt, 0, standard.dueSoonWithin)
    const clock: ClockRecord = {
      id: newId(this.rng, startedAt.getTime()), standardKey, presetId: this.team.preset.id, title: standard.title,
      targetAmount: standard.target.amount, targetUnit: standard.target.unit, dueSoonWithin: standard.dueSoonWithin, onBreach: standard.onBreach,
      subjectType, subjectId, familyId: event.work.familyId, teamId: event.work.teamId, practitionerId: event.work.practitionerId,
      serviceRequestId: event.work.serviceRequestId, calendarId: this.team.row.calendarId, startedAt, ...schedule,
      completedAt: null, cancelledAt: null, pausedAt, pausedWorkingDays: 0, lateReason: null, breachActionedAt: null, overdueAnnouncedAt: null,
      version: 1, createdAt: startedAt, updatedAt: startedAt,
    }
    this.clocks.push(clock)
    this.open.push(clock)
    if (pausedAt) this.pauses.push({ clockId: clock.id, pausedAt, resumedAt: null, workingDays: null })
  }

  /** Stop, cancel, pause or resume, as `apply` in record-and-apply.ts does. */
  private change(clock: ClockRecord, kind: 'stop' | 'cancel' | 'pause' | 'resume', at: Date): void {
    clock.version += 1
    clock.updatedAt = at
    if (kind === 'stop') Object.assign(clock, { completedAt: at, pausedAt: null, lateReason: this.lateReason(clock, at) })
    else if (kind === 'cancel') Object.assign(clock, { cancelledAt: at, pausedAt: null })
    else if (kind === 'pause') {
      clock.pausedAt = at
      this.pauses.push({ clockId: clock.id, pausedAt: at, resumedAt: null, workingDays: null })
    } else {
      const paused = applyResume({ pausedAt: clock.pausedAt, pausedWorkingDays: clock.pausedWorkingDays }, at, this.team.calendar)
      const schedule = this.team.scheduler.schedule({ amount: clock.targetAmount, unit: clock.targetUnit }, clock.startedAt, paused, clock.dueSoonWithin)
      const pause = this.pauses.find((p) => p.clockId === clock.id && p.resumedAt === null)!
      Object.assign(pause, { resumedAt: at, workingDays: paused - clock.pausedWorkingDays })
      Object.assign(clock, { pausedAt: null, pausedWorkingDays: paused, ...schedule })
    }
  }

  /** Practitioners record why for some of the clocks they stop late. */
  private lateReason(clock: ClockRecord, at: Date): string | null {
    if (at <= clock.dueAt || !this.rng.chance(0.4)) return null
    return this.rng.pick(['Family unavailable (synthetic)', 'Practitioner absence (synthetic)', 'Awaiting information from social care (synthetic)'])
  }

  /**
   * The breach job (every minute) acts on open clocks whose standard names an action, once past due:
   * `end-service-request` closes the clock late and ends the request and its allocation. True if it did,
   * which ends the case: nothing scripted after it happens.
   */
  private actOnBreaches(until: number, script: CaseScript): boolean {
    const breached = this.open.find((c) => c.onBreach !== 'flag' && c.pausedAt === null && c.dueAt.getTime() + MINUTE < until)
    if (!breached) return false
    const at = jobRunAfter(breached.dueAt)
    Object.assign(breached, { completedAt: at, breachActionedAt: at, lateReason: BREACH_ACTION_REASON, version: breached.version + 1, updatedAt: at })
    this.open = this.open.filter((c) => c !== breached)
    const R = script.request
    const allocation = activeAllocation(this.applied)
    const work = { ...script.events[0].work, practitionerId: breached.practitionerId ?? null }
    this.apply({ type: 'service-request.ended', subject: R, parents: [], at: at.getTime(), work, reason: 'no_progress' })
    if (allocation) this.apply({ type: 'allocation.ended', subject: allocation, parents: [R], at: at.getTime(), work, reason: 'no_progress' })
    return true
  }
}

function activeAllocation(events: ScriptEvent[]): SubjectRef | null {
  const created = events.filter((e) => e.type === 'allocation.created').pop()
  if (!created || events.some((e) => e.type === 'allocation.ended' && e.subject.id === created.subject.id)) return null
  return created.subject
}

// ---------------------------------------------------------------------------------------------------
// Rows of a simulated case: the request and its allocation as the applied events left them
// ---------------------------------------------------------------------------------------------------

const REQUESTER = { name: 'Synthetic Referrer', role: 'Social worker', organisation: 'Seed County Council' }

function requestRow(rng: Random, sim: SimulatedCase, ordinal: number): Insertable<ServiceRequestsTable> {
  const { script, applied } = sim
  const mine = applied.filter((e) => e.subject.id === script.request.id)
  const decision = mine.find((e) => ['service-request.accepted', 'service-request.declined', 'service-request.returned'].includes(e.type))
  const ended = mine.find((e) => e.type === 'service-request.ended' || e.type === 'service-request.withdrawn')
  const status = ended ? (ended.type === 'service-request.ended' ? 'ended' : 'withdrawn')
    : mine.some((e) => e.type === 'service-request.allocated') ? 'allocated'
      : decision ? (decision.type.split('.')[1] as 'accepted' | 'declined' | 'returned') : 'received'
  const last = mine[mine.length - 1]?.at ?? script.receivedAt
  const receivedAt = new Date(script.receivedAt)
  return {
    id: script.request.id, familyId: script.familyId, teamId: script.team.row.id, kind: 'intervention', route: rng.pick(ROUTES),
    focus: `Synthetic request ${ordinal} for a seeded family`, targetOutcomes: JSON.stringify(['Synthetic outcome']), requestedBy: JSON.stringify(REQUESTER),
    consent: JSON.stringify(script.team.preset.id === 'level-3' ? null : { given: true, recordedAt: receivedAt.toISOString(), recordedBy: REQUESTER.name }),
    receivedAt, status,
    decision: decision ? JSON.stringify({ decision: decision.type.split('.')[1], decidedAt: new Date(decision.at).toISOString(), decidedBy: 'Synthetic Screener', reason: decision.reason ?? null }) : null,
    endedReason: ended?.reason ?? null, endedAt: ended ? new Date(ended.at) : null,
    version: mine.length, createdAt: receivedAt, updatedAt: new Date(last),
  }
}

function allocationRow(sim: SimulatedCase): Insertable<AllocationsTable> | null {
  const created = sim.applied.find((e) => e.type === 'allocation.created')
  if (!created) return null
  const mine = sim.applied.filter((e) => e.subject.id === created.subject.id)
  const at = (type: string) => mine.find((e) => e.type === type)?.at
  const step = (type: string, field = 'heldAt', extra: Record<string, string> = {}) => {
    const t = at(type)
    return t === undefined ? null : JSON.stringify({ ...extra, [field]: new Date(t).toISOString() })
  }
  const ended = mine.find((e) => e.type === 'allocation.ended')
  return {
    id: created.subject.id, serviceRequestId: sim.script.request.id, familyId: sim.script.familyId, teamId: sim.script.team.row.id,
    practitionerId: created.work.practitionerId!, coWorkerIds: '[]', allocatedAt: new Date(created.at), allocatedBy: 'Synthetic Team Manager',
    status: ended ? 'ended' : 'active', endedAt: ended ? new Date(ended.at) : null, endedReason: ended?.reason ?? null,
    caseDiscussion: step('allocation.case-discussion-held'), jointVisit: step('allocation.joint-visit-held'), initialVisit: step('allocation.initial-visit-held'),
    planSignOff: step('allocation.plan-signed-off', 'signedOffAt', { signedOffBy: 'Synthetic Co-ordinator' }),
    version: mine.length, createdAt: new Date(created.at), updatedAt: new Date(mine[mine.length - 1].at),
  }
}

// ---------------------------------------------------------------------------------------------------
// Generation: families and their cases, a chunk at a time
// ---------------------------------------------------------------------------------------------------

interface Chunk {
  families: Insertable<FamiliesTable>[]
  requests: Insertable<ServiceRequestsTable>[]
  allocations: Insertable<AllocationsTable>[]
  clocks: ClockRecord[]
  pauses: PauseRecord[]
}

const STATUSES = ['met', 'met_late', 'cancelled', 'paused', 'overdue', 'due_soon', 'on_track'] as const
type Tally = Record<(typeof STATUSES)[number], number>

/** A clock's status as of `now`, as the breach queries see it (due soon: open, due later, past its due-soon instant). */
function statusOf(clock: ClockRecord, now: number): keyof Tally {
  if (clock.cancelledAt) return 'cancelled'
  if (clock.completedAt) return clock.completedAt > clock.dueAt ? 'met_late' : 'met'
  if (clock.pausedAt) return 'paused'
  if (clock.dueAt.getTime() < now) return 'overdue'
  return clock.dueSoonAt.getTime() <= now ? 'due_soon' : 'on_track'
}

class Generator {
  private carry = 0
  readonly tally: Tally = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Tally

  constructor(private readonly rng: Random, private readonly teams: Team[], private readonly options: Options) {}

  /** Families [from, to), yielding to the event loop now and then so the previous chunk's queries keep flowing. */
  async chunk(from: number, to: number): Promise<Chunk> {
    const chunk: Chunk = { families: [], requests: [], allocations: [], clocks: [], pauses: [] }
    for (let index = from; index < to; index++) {
      this.family(index, chunk)
      if (index % 100 === 99) await yieldToEventLoop()
    }
    return chunk
  }

  /**
   * One family and its cases, one after another until its clock budget is spent or the cases reach
   * `now`. A budget a family could not spend in time passes to the next family.
   */
  private family(index: number, chunk: Chunk): void {
    const { rng, options } = this
    const now = options.now.getTime()
    const team = this.pickTeam()
    const createdAt = this.createdAt()
    const family = familyRow(rng, index, team.row.id, createdAt)
    chunk.families.push(family)
    const budget = team.budget * rng.between(0.6, 1.4) + this.carry
    let produced = 0
    let receivedAt = createdAt + rng.between(0, 2) * DAY
    // Another case while at least half a case's worth of budget is left (always one).
    for (let ordinal = 1; (ordinal === 1 || produced + team.caseClocks / 2 < budget) && receivedAt < now; ordinal++) {
      const script = new CaseScript(rng, team, family.id, officeHours(rng, receivedAt))
      SCRIPTS[team.preset.id as PresetId](script, budget - produced)
      const sim = new CaseSimulator(rng, team, now).run(script)
      this.collect(sim, ordinal, chunk)
      produced += sim.clocks.length
      receivedAt = script.end + rng.between(14, 150) * DAY
    }
    this.carry = Math.max(0, budget - produced)
  }

  private pickTeam(): Team {
    let r = this.rng.next()
    for (const team of this.teams) if ((r -= team.familyShare) < 0) return team
    return this.teams[this.teams.length - 1]
  }

  /** When a family first came to the service: from 2024 on, more of them lately, as caseloads grow. */
  private createdAt(): number {
    const span = this.options.now.getTime() - 2 * DAY - FIRST_DAY
    const u = this.rng.next()
    return Math.floor(FIRST_DAY + span * (this.rng.chance(0.5) ? u : Math.sqrt(u)))
  }

  private collect(sim: SimulatedCase, ordinal: number, chunk: Chunk): void {
    if (sim.applied.length === 0) return
    chunk.requests.push(requestRow(this.rng, sim, ordinal))
    const allocation = allocationRow(sim)
    if (allocation) chunk.allocations.push(allocation)
    for (const clock of sim.clocks) this.tally[statusOf(clock, this.options.now.getTime())]++
    chunk.clocks.push(...sim.clocks)
    chunk.pauses.push(...sim.pauses)
  }
}

// ---------------------------------------------------------------------------------------------------
// Bulk writing: INSERT ... SELECT * FROM unnest(arrays), one transaction per chunk
// ---------------------------------------------------------------------------------------------------

/** A table and the columns we write, with their PostgreSQL types; values come from the camelCase row. */
class BulkInsert<Row> {
  private readonly text: string
  private readonly keys: string[]

  constructor(readonly table: string, private readonly columns: [name: string, type: string][]) {
    this.keys = columns.map(([name]) => name.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase()))
    const casts = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')
    this.text = `INSERT INTO ${table} (${columns.map(([name]) => name).join(', ')}) SELECT * FROM unnest(${casts})`
  }

  async write(client: pg.ClientBase, rows: Row[]): Promise<void> {
    if (rows.length === 0) return
    const values = this.keys.map((key) => rows.map((row) => {
      const value = (row as Record<string, unknown>)[key]
      return value instanceof Date ? value.toISOString() : (value ?? null)
    }))
    await client.query(this.text, values)
  }
}

const AUDITED: [string, string][] = [['version', 'int4'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']]
const WRITERS = {
  teams: new BulkInsert<Insertable<TeamsTable>>('teams', [['id', 'uuid'], ['name', 'text'], ['calendar_id', 'text'], ['standards_preset', 'text'], ['caseload_capacity', 'int4'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']]),
  practitioners: new BulkInsert<Insertable<PractitionersTable>>('practitioners', [
    ['id', 'uuid'], ['team_id', 'uuid'], ['name', 'text'], ['email', 'text'], ['role', 'text'], ['specialism', 'text'], ['caseload_capacity', 'int4'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
  ]),
  families: new BulkInsert<Insertable<FamiliesTable>>('families', [
    ['id', 'uuid'], ['team_id', 'uuid'], ['reference', 'text'], ['tier', 'int2'], ['plan', 'text'], ['members', 'jsonb'], ['address', 'jsonb'], ['lead_professional', 'jsonb'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
  ]),
  requests: new BulkInsert<Insertable<ServiceRequestsTable>>('service_requests', [
    ['id', 'uuid'], ['family_id', 'uuid'], ['team_id', 'uuid'], ['kind', 'text'], ['route', 'text'], ['focus', 'text'], ['target_outcomes', 'jsonb'], ['requested_by', 'jsonb'],
    ['consent', 'jsonb'], ['received_at', 'timestamptz'], ['status', 'text'], ['decision', 'jsonb'], ['ended_reason', 'text'], ['ended_at', 'timestamptz'], ...AUDITED,
  ]),
  allocations: new BulkInsert<Insertable<AllocationsTable>>('allocations', [
    ['id', 'uuid'], ['service_request_id', 'uuid'], ['family_id', 'uuid'], ['team_id', 'uuid'], ['practitioner_id', 'uuid'], ['co_worker_ids', 'jsonb'], ['allocated_at', 'timestamptz'],
    ['allocated_by', 'text'], ['status', 'text'], ['case_discussion', 'jsonb'], ['joint_visit', 'jsonb'], ['initial_visit', 'jsonb'], ['plan_sign_off', 'jsonb'], ['ended_at', 'timestamptz'], ['ended_reason', 'text'], ...AUDITED,
  ]),
  clocks: new BulkInsert<ClockRecord>('sla_clocks', [
    ['id', 'uuid'], ['standard_key', 'text'], ['preset_id', 'text'], ['title', 'text'], ['target_amount', 'int4'], ['target_unit', 'text'], ['due_soon_within', 'int4'], ['on_breach', 'text'],
    ['subject_type', 'text'], ['subject_id', 'uuid'], ['family_id', 'uuid'], ['team_id', 'uuid'], ['practitioner_id', 'uuid'], ['service_request_id', 'uuid'], ['calendar_id', 'text'],
    ['started_at', 'timestamptz'], ['due_date', 'date'], ['due_at', 'timestamptz'], ['due_soon_at', 'timestamptz'], ['completed_at', 'timestamptz'], ['cancelled_at', 'timestamptz'],
    ['paused_at', 'timestamptz'], ['paused_working_days', 'int4'], ['late_reason', 'text'], ['breach_actioned_at', 'timestamptz'], ['overdue_announced_at', 'timestamptz'], ...AUDITED,
  ]),
  pauses: new BulkInsert<PauseRecord>('sla_clock_pauses', [['clock_id', 'uuid'], ['paused_at', 'timestamptz'], ['resumed_at', 'timestamptz'], ['working_days', 'int4']]),
}

async function inTransaction(client: pg.ClientBase, work: () => Promise<void>): Promise<void> {
  await client.query('BEGIN')
  try {
    await work()
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}

async function writeChunk(client: pg.ClientBase, chunk: Chunk): Promise<void> {
  await inTransaction(client, async () => {
    await WRITERS.families.write(client, chunk.families)
    await WRITERS.requests.write(client, chunk.requests)
    await WRITERS.allocations.write(client, chunk.allocations)
    await WRITERS.clocks.write(client, chunk.clocks)
    await WRITERS.pauses.write(client, chunk.pauses)
  })
}

async function writeTeams(client: pg.ClientBase, teams: Team[]): Promise<void> {
  await inTransaction(client, async () => {
    await WRITERS.teams.write(client, teams.map((t) => t.row))
    await WRITERS.practitioners.write(client, teams.flatMap((t) => t.practitioners))
  })
}

// ---------------------------------------------------------------------------------------------------
// The database, and the run
// ---------------------------------------------------------------------------------------------------

/** DATABASE_URL, or the embedded PostgreSQL started as the server starts it. */
async function openDatabase(): Promise<{ url: string; cluster: EmbeddedCluster | null }> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' })
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, cluster: null }
  if (!existsSync(config.DATA_DIR)) await fs.mkdir(config.DATA_DIR, { recursive: true, mode: 0o755 })
  const cluster = await startEmbeddedPostgres({ dataDir: path.join(config.DATA_DIR, 'pg'), port: config.EMBEDDED_PG_PORT })
  await ensureDatabase(cluster.url('postgres'), EMBEDDED_DATABASE)
  return { url: cluster.url(EMBEDDED_DATABASE), cluster }
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  // A bulk load: a crash loses at most the last chunks, which the refusal below makes you redo anyway.
  await client.query('SET synchronous_commit TO off')
  return client
}

const SEEDED_TABLES = ['teams', 'practitioners', 'families', 'service_requests', 'allocations', 'sla_clocks', 'sla_clock_pauses', 'events'] as const

async function rowCounts(client: pg.ClientBase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const table of SEEDED_TABLES) counts[table] = Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n)
  return counts
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`
const fmt = (n: number) => n.toLocaleString('en-GB')

function printTally(tally: Tally): void {
  const total = Object.values(tally).reduce((a, b) => a + b, 0)
  console.log('clock status mix as of --now:')
  for (const status of STATUSES) console.log(`  ${status.padEnd(10)} ${fmt(tally[status]).padStart(10)}  ${((100 * tally[status]) / total).toFixed(1).padStart(5)} %`)
}

async function seed(options: Options, url: string): Promise<void> {
  const started = performance.now()
  const db = createDb(url, { poolSize: 2 })
  const clients = [await connect(url), await connect(url)]
  try {
    await migrateToLatest(db)
    const existing = Number((await clients[0].query('SELECT count(*) AS n FROM families')).rows[0].n)
    if (existing > 0) throw new UsageError(`the database already holds ${fmt(existing)} families; seed an empty one (a fresh DATA_DIR or database)`)
    const rng = new Random(options.seed)
    const teams = await buildTeams(rng, db, options)
    await writeTeams(clients[0], teams)
    console.log(`${teams.length} teams, ${fmt(teams.reduce((n, t) => n + t.practitioners.length, 0))} practitioners; generating ${fmt(options.families)} families up to ${options.now.toISOString()}`)

    const generator = new Generator(rng, teams, options)
    const inFlight: Promise<void>[] = []
    let clocks = 0
    for (let from = 0, n = 0; from < options.families; from += FAMILIES_PER_CHUNK, n++) {
      const chunk = await generator.chunk(from, Math.min(options.families, from + FAMILIES_PER_CHUNK))
      clocks += chunk.clocks.length
      if (inFlight.length === clients.length) await inFlight.shift()
      inFlight.push(writeChunk(clients[n % clients.length], chunk))
      if (n % 10 === 9 || from + FAMILIES_PER_CHUNK >= options.families) {
        console.log(`  families ${fmt(Math.min(options.families, from + FAMILIES_PER_CHUNK)).padStart(9)} · clocks ${fmt(clocks).padStart(11)} · ${seconds(started)}`)
      }
    }
    await Promise.all(inFlight)
    console.log(`inserted in ${seconds(started)}; VACUUM (ANALYZE) ...`)
    await clients[0].query(`VACUUM (ANALYZE) ${SEEDED_TABLES.filter((t) => t !== 'events').join(', ')}`)
    await clients[0].query('ANALYZE')
    printTally(generator.tally)
    console.log('rows:')
    for (const [table, n] of Object.entries(await rowCounts(clients[0]))) console.log(`  ${table.padEnd(17)} ${fmt(n).padStart(11)}`)
    console.log(`done in ${seconds(started)}`)
  } finally {
    await Promise.all(clients.map((c) => c.end()))
    await db.destroy()
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2))
  rememberValidZones()
  const { url, cluster } = await openDatabase()
  try {
    await seed(options, url)
  } finally {
    await cluster?.stop()
  }
}

main().catch((error) => {
  console.error(error instanceof UsageError ? `seed: ${error.message}` : error instanceof Error ? error.stack ?? error.message : error)
  process.exit(1)
})
