import {
  buildCalendar,
  DIVISIONS,
  type Division,
  FIRST_YEAR,
  type Holiday,
  holidaysForDivision,
  type IsoDate,
  LAST_TABLE_YEAR,
  type WorkingCalendar,
} from '../calendar/index.js'
import { applyClockChange, type ClockEffect, isOpen, rescheduleClock, startClock } from './clock-state.js'
import { planClockChanges } from './engine.js'
import { isEventType } from './event-types.js'
import { present } from './invariants.js'
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
 * The clocks the recorded events make (every verdict reproducible from the event log): each event in the
 * order the changes ran, through the same engine (`planClockChanges`) and the same change function
 * (`startClock`, `applyClockChange`, `rescheduleClock`) the service uses, on calendars rebuilt from the
 * bank-holiday rules and the recorded closures and uploads, and teams' presets from their recorded changes.
 * The service's own breach actions close the clock they name (`sla-clock.breach-actioned`). Events are
 * applied one at a time, so a log of millions can be streamed through it.
 */
export class ClockReplay implements Replay {
  readonly clocks = new Map<string, ClockState>()
  readonly pauses = new Map<string, ReplayPause[]>()
  readonly problems: string[] = []
  private readonly open = new Map<string, Set<string>>()
  private readonly teams = new Map<string, { preset: StandardsPreset; calendarId: string }>()
  private readonly divisionDays = new Map<Division, Map<string, string>>(
    DIVISIONS.map((d) => [d, new Map(holidaysForDivision(d, FIRST_YEAR, LAST_TABLE_YEAR).map((h) => [h.date, h.title]))]),
  )
  private readonly defs: Map<string, { id: string; division: Division; timeZone: string; closures: Map<string, string> }>
  private readonly built = new Map<string, WorkingCalendar>()
  private fallback = 0
  private replacements = 0

  constructor(private readonly input: ReplayInput) {
    this.defs = new Map(input.calendars.map((c) => [c.id, { ...c, closures: new Map<string, string>() }]))
  }

  /** Applies one recorded event. */
  apply(event: RecordedEvent): void {
    const data = event.data
    switch (event.type) {
      case 'team.created':
      case 'team.updated': {
        const current = this.teams.get(event.subjectId)
        const presetId = (data.standardsPreset as string | undefined) ?? current?.preset.id
        const calendarId = (data.calendarId as string | undefined) ?? current?.calendarId
        if (presetId && calendarId) this.teams.set(event.subjectId, { preset: presetById(presetId), calendarId })
        return
      }
      case 'calendar.created': {
        const def = this.defs.get(event.subjectId)
        for (const c of (data.closures as { date: string; title: string }[] | undefined) ?? []) def?.closures.set(c.date, c.title)
        this.built.delete(event.subjectId)
        return
      }
      case 'calendar.closure-added':
      case 'calendar.closure-removed': {
        const def = this.defs.get(event.subjectId)
        if (!def) {
          this.problems.push(`event ${event.id}: calendar ${event.subjectId} is unknown`)
          return
        }
        if (event.type === 'calendar.closure-added') def.closures.set(data.date as string, data.title as string)
        else def.closures.delete(data.date as string)
        this.rescheduleOn(new Set([event.subjectId]))
        return
      }
      case 'bank-holidays.imported':
        this.importHolidays(data.changes as Record<Division, Change>)
        return
      case 'sla-clock.breach-actioned': {
        const clock = this.clocks.get(event.subjectId)
        if (!clock || !isOpen(clock)) {
          this.problems.push(
            `event ${event.id}: the breach action names clock ${event.subjectId}, which the replay has ${clock ? 'already closed' : 'not started'}`,
          )
          return
        }
        const next = applyClockChange(clock, { kind: 'close', clockId: clock.id, at: event.occurredAt }, this.calendarOf(clock.calendarId))
        this.keep(next.clock, next.effects)
        return
      }
    }
    // Only a practitioner's own events (their supervision) start clocks without a family.
    const filed = event.familyId !== null || event.subjectType === 'practitioner'
    if (isEventType(event.type) && event.teamId !== null && filed) this.applyDomainEvent(event, event.teamId, event.familyId)
  }

  /** What the replay could not use, with why, once every event is applied. */
  finish(): Replay {
    if (this.fallback > 0) this.problems.push(`${this.fallback} team(s) have no team.created event: replayed with their preset and calendar of today`)
    return this
  }

  private applyDomainEvent(event: RecordedEvent, teamId: string, familyId: string | null): void {
    const team = this.teamOf(teamId)
    const parents = event.parentSubjects ?? []
    const slaEvent = {
      type: event.type,
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      occurredAt: event.occurredAt,
      parentSubjects: parents,
      until: event.until,
    }
    const changes = planClockChanges(team.preset, slaEvent, this.openOf([event.subjectId, ...parents.map((p) => p.id)]), (c) =>
      findStandard(presetById(c.presetId), c.standardKey),
    )
    for (const change of changes) {
      if (change.kind === 'start') {
        const id = this.input.storedClockId(change.subjectId, change.standardKey, change.startedAt) ?? `replayed-${++this.replacements}`
        const work = { familyId, teamId, practitionerId: event.practitionerId, serviceRequestId: event.serviceRequestId }
        const started = startClock(
          id,
          present(findStandard(team.preset, change.standardKey), `standard ${change.standardKey}`),
          team.preset.id,
          change,
          work,
          this.calendarOf(team.calendarId),
        )
        this.keep(started.clock, started.effects)
      } else {
        const clock = present(this.clocks.get(change.clockId), `clock ${change.clockId}`)
        const next = applyClockChange(clock, change, this.calendarOf(clock.calendarId))
        this.keep(next.clock, next.effects)
      }
    }
  }

  private importHolidays(changes: Record<Division, Change>): void {
    const changed = new Set<Division>()
    for (const division of DIVISIONS) {
      const days = present(this.divisionDays.get(division), `days of ${division}`)
      for (const r of changes[division]?.removed ?? []) if (days.delete(r.date)) changed.add(division)
      for (const a of changes[division]?.added ?? []) {
        days.set(a.date, a.title)
        changed.add(division)
      }
    }
    this.rescheduleOn(new Set([...this.defs.values()].filter((d) => changed.has(d.division)).map((d) => d.id)))
  }

  private calendarOf(id: string): WorkingCalendar {
    let calendar = this.built.get(id)
    if (!calendar) {
      const def = this.defs.get(id)
      if (!def) throw new RangeError(`Unknown calendar ${id}`)
      const holidays: Holiday[] = [
        ...[...present(this.divisionDays.get(def.division), `days of ${def.division}`)].map(([date, title]) => ({
          date,
          title,
          kind: 'bank_holiday' as const,
        })),
        ...[...def.closures].map(([date, title]) => ({ date, title, kind: 'closure' as const })),
      ]
      calendar = buildCalendar({ id, timeZone: def.timeZone, holidays })
      this.built.set(id, calendar)
    }
    return calendar
  }

  private teamOf(id: string) {
    let team = this.teams.get(id)
    if (!team) {
      const now = this.input.teamsNow.find((t) => t.id === id)
      if (!now) throw new RangeError(`Unknown team ${id}`)
      team = { preset: presetById(now.standardsPreset), calendarId: now.calendarId }
      this.teams.set(id, team)
      this.fallback++
    }
    return team
  }

  private openOf(subjectIds: string[]): ClockState[] {
    return subjectIds.flatMap((id) => [...(this.open.get(id) ?? [])].map((clockId) => present(this.clocks.get(clockId), `clock ${clockId}`)))
  }

  private keep(clock: ClockState, effects: ClockEffect[]): void {
    this.clocks.set(clock.id, clock)
    const set = this.open.get(clock.subjectId) ?? new Set<string>()
    if (isOpen(clock)) set.add(clock.id)
    else set.delete(clock.id)
    if (set.size > 0) this.open.set(clock.subjectId, set)
    else this.open.delete(clock.subjectId)
    for (const effect of effects) {
      const list = this.pauses.get(effect.clockId) ?? []
      if (effect.kind === 'pause-opened') list.push({ pausedAt: effect.at, resumedAt: null, workingDays: null })
      if (effect.kind === 'pause-closed')
        Object.assign(
          present(
            list.find((p) => p.resumedAt === null),
            `the open pause of ${effect.clockId}`,
          ),
          { resumedAt: effect.at, workingDays: effect.workingDays },
        )
      if (list.length > 0) this.pauses.set(effect.clockId, list)
    }
  }

  private rescheduleOn(calendarIds: Set<string>): void {
    for (const id of calendarIds) this.built.delete(id)
    for (const clock of this.clocks.values()) {
      if (!isOpen(clock) || !calendarIds.has(clock.calendarId)) continue
      const next = rescheduleClock(clock, this.calendarOf(clock.calendarId))
      this.keep(next.clock, next.effects)
    }
  }
}

/** Replays a whole log at once (see `ClockReplay`). */
export function replayClocks(events: Iterable<RecordedEvent>, input: ReplayInput): Replay {
  const replay = new ClockReplay(input)
  for (const event of events) replay.apply(event)
  return replay.finish()
}
