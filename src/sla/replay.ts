import { DIVISIONS, FIRST_YEAR, LAST_TABLE_YEAR, buildCalendar, holidaysForDivision, type Division, type Holiday, type IsoDate, type WorkingCalendar } from '../calendar/index.js'
import { applyClockChange, isOpen, rescheduleClock, startClock, type ClockEffect } from './clock-state.js'
import { planClockChanges } from './engine.js'
import { isEventType } from './event-types.js'
import { findStandard, presetById } from './presets.js'
import type { StandardsPreset } from './standard.schema.js'
import type { ClockState, SubjectRef } from './types.js'

/** An event of the outbox, as `verify:clocks` reads it back. */
export interface RecordedEvent {
  id: number
  type: string
  subjectType: string
  subjectId: string
  familyId: string | null
  teamId: string | null
  occurredAt: Date
  data: Record<string, unknown>
  parentSubjects: SubjectRef[] | null
  practitionerId: string | null
  serviceRequestId: string | null
  until: IsoDate | null
}

export interface ReplayPause {
  pausedAt: Date
  resumedAt: Date | null
  workingDays: number | null
}

export interface ReplayInput {
  /** Every calendar: its division and time zone (built-in ones have no events of their own). */
  calendars: { id: string; division: Division; timeZone: string }[]
  /** Teams as they are now: used only for a team whose creation is not in the log. */
  teamsNow: { id: string; calendarId: string; standardsPreset: string }[]
  /** The stored clock with this subject, standard and start, so replayed clocks keep the ids events refer to. */
  storedClockId: (subjectId: string, standardKey: string, startedAt: Date) => string | undefined
}

export interface Replay {
  clocks: Map<string, ClockState>
  pauses: Map<string, ReplayPause[]>
  /** Events the replay could not use, with why. */
  problems: string[]
}

type Change = { added?: { date: string; title: string }[]; removed?: { date: string }[] }

/**
 * The clocks the recorded events make (issue: every verdict reproducible from the event log): each event in
 * the order the changes ran, through the same engine (`planClockChanges`) and the same change function
 * (`startClock`, `applyClockChange`, `rescheduleClock`) the service uses, on calendars rebuilt from the
 * bank-holiday rules and the recorded closures and uploads, and teams' presets from their recorded changes.
 * The service's own breach actions close the clock they name (`sla-clock.breach-actioned`).
 */
export function replayClocks(events: Iterable<RecordedEvent>, input: ReplayInput): Replay {
  const clocks = new Map<string, ClockState>()
  const pauses = new Map<string, ReplayPause[]>()
  const problems: string[] = []
  const open = new Map<string, Set<string>>()
  const teams = new Map<string, { preset: StandardsPreset; calendarId: string }>()
  const divisionDays = new Map<Division, Map<string, string>>(DIVISIONS.map((d) => [d, new Map(holidaysForDivision(d, FIRST_YEAR, LAST_TABLE_YEAR).map((h) => [h.date, h.title]))]))
  const defs = new Map(input.calendars.map((c) => [c.id, { ...c, closures: new Map<string, string>() }]))
  const built = new Map<string, WorkingCalendar>()
  let fallback = 0

  const calendarOf = (id: string): WorkingCalendar => {
    let calendar = built.get(id)
    if (!calendar) {
      const def = defs.get(id)
      if (!def) throw new RangeError(`Unknown calendar ${id}`)
      const holidays: Holiday[] = [
        ...[...divisionDays.get(def.division)!].map(([date, title]) => ({ date, title, kind: 'bank_holiday' as const })),
        ...[...def.closures].map(([date, title]) => ({ date, title, kind: 'closure' as const })),
      ]
      calendar = buildCalendar({ id, timeZone: def.timeZone, holidays })
      built.set(id, calendar)
    }
    return calendar
  }
  const teamOf = (id: string) => {
    let team = teams.get(id)
    if (!team) {
      const now = input.teamsNow.find((t) => t.id === id)
      if (!now) throw new RangeError(`Unknown team ${id}`)
      team = { preset: presetById(now.standardsPreset), calendarId: now.calendarId }
      teams.set(id, team)
      fallback++
    }
    return team
  }
  const openOf = (subjectIds: string[]) => subjectIds.flatMap((id) => [...(open.get(id) ?? [])].map((clockId) => clocks.get(clockId)!))
  const keep = (clock: ClockState, effects: ClockEffect[]) => {
    clocks.set(clock.id, clock)
    const set = open.get(clock.subjectId) ?? new Set<string>()
    if (isOpen(clock)) set.add(clock.id)
    else set.delete(clock.id)
    open.set(clock.subjectId, set)
    for (const effect of effects) {
      const list = pauses.get(effect.clockId) ?? []
      if (effect.kind === 'pause-opened') list.push({ pausedAt: effect.at, resumedAt: null, workingDays: null })
      if (effect.kind === 'pause-closed') Object.assign(list.find((p) => p.resumedAt === null)!, { resumedAt: effect.at, workingDays: effect.workingDays })
      if (list.length > 0) pauses.set(effect.clockId, list)
    }
  }
  const rescheduleOn = (calendarIds: Set<string>) => {
    for (const id of calendarIds) built.delete(id)
    for (const clock of clocks.values()) {
      if (!isOpen(clock) || !calendarIds.has(clock.calendarId)) continue
      const next = rescheduleClock(clock, calendarOf(clock.calendarId))
      keep(next.clock, next.effects)
    }
  }

  let replacements = 0
  for (const event of events) {
    const data = event.data
    switch (event.type) {
      case 'team.created':
      case 'team.updated': {
        const current = teams.get(event.subjectId)
        const presetId = (data.standardsPreset as string | undefined) ?? current?.preset.id
        const calendarId = (data.calendarId as string | undefined) ?? current?.calendarId
        if (presetId && calendarId) teams.set(event.subjectId, { preset: presetById(presetId), calendarId })
        continue
      }
      case 'calendar.created': {
        const def = defs.get(event.subjectId)
        for (const c of (data.closures as { date: string; title: string }[] | undefined) ?? []) def?.closures.set(c.date, c.title)
        built.delete(event.subjectId)
        continue
      }
      case 'calendar.closure-added':
      case 'calendar.closure-removed': {
        const def = defs.get(event.subjectId)
        if (!def) {
          problems.push(`event ${event.id}: calendar ${event.subjectId} is unknown`)
          continue
        }
        if (event.type === 'calendar.closure-added') def.closures.set(data.date as string, data.title as string)
        else def.closures.delete(data.date as string)
        rescheduleOn(new Set([event.subjectId]))
        continue
      }
      case 'bank-holidays.imported': {
        const changes = data.changes as Record<Division, Change>
        const changed = new Set<Division>()
        for (const division of DIVISIONS) {
          const days = divisionDays.get(division)!
          for (const r of changes[division]?.removed ?? []) if (days.delete(r.date)) changed.add(division)
          for (const a of changes[division]?.added ?? []) {
            days.set(a.date, a.title)
            changed.add(division)
          }
        }
        rescheduleOn(new Set([...defs.values()].filter((d) => changed.has(d.division)).map((d) => d.id)))
        continue
      }
      case 'sla-clock.breach-actioned': {
        const clock = clocks.get(event.subjectId)
        if (!clock || !isOpen(clock)) {
          problems.push(`event ${event.id}: the breach action names clock ${event.subjectId}, which the replay has ${clock ? 'already closed' : 'not started'}`)
          continue
        }
        const next = applyClockChange(clock, { kind: 'close', clockId: clock.id, at: event.occurredAt }, calendarOf(clock.calendarId))
        keep(next.clock, next.effects)
        continue
      }
    }
    if (!isEventType(event.type) || event.teamId === null || event.familyId === null) continue
    const team = teamOf(event.teamId)
    const parents = event.parentSubjects ?? []
    const slaEvent = { type: event.type, subjectType: event.subjectType, subjectId: event.subjectId, occurredAt: event.occurredAt, parentSubjects: parents, until: event.until }
    const changes = planClockChanges(team.preset, slaEvent, openOf([event.subjectId, ...parents.map((p) => p.id)]), (c) => findStandard(presetById(c.presetId), c.standardKey))
    for (const change of changes) {
      if (change.kind === 'start') {
        const id = input.storedClockId(change.subjectId, change.standardKey, change.startedAt) ?? `replayed-${++replacements}`
        const work = { familyId: event.familyId, teamId: event.teamId, practitionerId: event.practitionerId, serviceRequestId: event.serviceRequestId }
        const started = startClock(id, findStandard(team.preset, change.standardKey)!, team.preset.id, change, work, calendarOf(team.calendarId))
        keep(started.clock, started.effects)
      } else {
        const clock = clocks.get(change.clockId)!
        const next = applyClockChange(clock, change, calendarOf(clock.calendarId))
        keep(next.clock, next.effects)
      }
    }
  }
  if (fallback > 0) problems.push(`${fallback} team(s) have no team.created event: replayed with their preset and calendar of today`)
  return { clocks, pauses, problems }
}
