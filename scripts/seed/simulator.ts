/** `CaseSimulator`: runs a case's events through the real SLA engine, as `recordAndApply` and the jobs would have. */
import {
  applyClockChange,
  breachActionAt,
  type ClockChange,
  type ClockEffect,
  findStandard,
  planClockChanges,
  presetById,
  startClock,
} from '../../src/sla/index.js'
import type { CaseScript, ScriptEvent } from './case-script.js'
import type { ClockRecord, EventRecord, PauseRecord, SimulatedCase } from './clock-records.js'
import { newId, type Random } from './random.js'
import type { Team } from './teams.js'
import { MINUTE } from './time.js'

/** When a job that runs every minute next runs after `t` (a couple of seconds into the minute). */
const jobRunAfter = (t: Date) => new Date(Math.ceil((t.getTime() + 1) / MINUTE) * MINUTE + 2_000)

const BREACH_ACTION_REASON = 'No planning progress: the request was ended by the service'

/** The event row the service writes for a domain event (what `verify:clocks` replays). */
function eventRecord(event: ScriptEvent, recordedAt: Date): EventRecord {
  return {
    type: event.type,
    subjectType: event.subject.type,
    subjectId: event.subject.id,
    familyId: event.work.familyId,
    teamId: event.work.teamId,
    occurredAt: new Date(event.at),
    recordedAt,
    actingUser: 'seed',
    data: JSON.stringify(event.reason ? { reason: event.reason } : {}),
    parentSubjects: JSON.stringify(event.parents),
    practitionerId: event.work.practitionerId,
    serviceRequestId: event.work.serviceRequestId,
    until: event.until ?? null,
  }
}

export class CaseSimulator {
  readonly clocks: ClockRecord[] = []
  readonly pauses: PauseRecord[] = []
  readonly applied: ScriptEvent[] = []
  readonly events: EventRecord[] = []
  private open: ClockRecord[] = []

  constructor(
    private readonly rng: Random,
    private readonly team: Team,
    private readonly now: number,
    private readonly graceWorkingDays: number,
  ) {}

  run(script: CaseScript): SimulatedCase {
    const events = script.events.slice().sort((a, b) => a.at - b.at)
    for (const event of events) {
      if (event.at > this.now) break
      if (this.actOnBreaches(event.at, script)) break
      this.apply(event)
    }
    this.actOnBreaches(this.now, script)
    this.announceOverdue()
    return { script, applied: this.applied, events: this.events, clocks: this.clocks, pauses: this.pauses }
  }

  /** The overdue job stamps, once, each clock that was still open (and not paused) just after its due instant. */
  private announceOverdue(): void {
    for (const clock of this.clocks) {
      const announcedAt = jobRunAfter(clock.dueAt)
      const closedAt = (clock.completedAt ?? clock.closedAt)?.getTime() ?? Infinity
      const pausedThrough = clock.pausedAt !== null && clock.pausedAt <= clock.dueAt
      if (announcedAt.getTime() < Math.min(closedAt, this.now) && !pausedThrough) clock.overdueAnnouncedAt = announcedAt
    }
  }

  /** One event through the engine, with the open clocks of its subject and the subject's ancestors. */
  private apply(event: ScriptEvent, recordedAt = new Date(event.at)): void {
    this.applied.push(event)
    this.events.push(eventRecord(event, recordedAt))
    const subjects = new Set([event.subject.id, ...event.parents.map((p) => p.id)])
    const open = this.open.filter((clock) => subjects.has(clock.subjectId))
    const changes = planClockChanges(
      this.team.preset,
      {
        type: event.type,
        subjectType: event.subject.type,
        subjectId: event.subject.id,
        occurredAt: new Date(event.at),
        parentSubjects: event.parents,
        until: event.until ?? null,
      },
      open,
      (clock) => findStandard(presetById(clock.presetId), clock.standardKey),
    )
    for (const change of changes) this.change(event, change, recordedAt)
    this.open = this.open.filter((c) => c.completedAt === null && c.closedAt === null)
  }

  private change(event: ScriptEvent, change: ClockChange, now: Date): void {
    if (change.kind === 'start') {
      const standard = findStandard(this.team.preset, change.standardKey)
      if (!standard) throw new Error(`Preset ${this.team.preset.id} has no standard ${change.standardKey} to start`)
      const { clock, effects } = startClock(newId(this.rng, change.startedAt.getTime()), standard, this.team.preset.id, change, event.work, this.team.scheduler)
      const record: ClockRecord = {
        ...clock,
        scheduledAt: now,
        lateReason: null,
        breachActionedAt: null,
        overdueAnnouncedAt: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      }
      this.clocks.push(record)
      this.open.push(record)
      this.record(effects)
      return
    }
    const record = this.open.find((c) => c.id === change.clockId)
    if (!record) throw new Error(`Clock ${change.clockId} was planned for a change but is not open`)
    const { clock, effects } = applyClockChange(record, change, this.team.scheduler)
    const dueMoved = clock.dueAt.getTime() !== record.dueAt.getTime()
    Object.assign(record, clock, { version: record.version + 1, updatedAt: now, ...(dueMoved ? { scheduledAt: now } : {}) })
    if (change.kind === 'stop') record.lateReason = this.lateReason(record, change.at)
    this.record(effects)
  }

  private record(effects: ClockEffect[]): void {
    for (const effect of effects) {
      if (effect.kind === 'pause-opened') this.pauses.push({ clockId: effect.clockId, pausedAt: effect.at, resumedAt: null, workingDays: null })
      if (effect.kind === 'pause-closed') {
        const pause = this.pauses.find((p) => p.clockId === effect.clockId && p.resumedAt === null)
        if (!pause) throw new Error(`Clock ${effect.clockId} resumed without an open pause`)
        Object.assign(pause, { resumedAt: effect.at, workingDays: effect.workingDays })
      }
    }
  }

  /** Practitioners record why for some of the clocks they stop late. */
  private lateReason(clock: ClockRecord, at: Date): string | null {
    if (at <= clock.dueAt || !this.rng.chance(0.4)) return null
    return this.rng.pick(['Family unavailable (synthetic)', 'Practitioner absence (synthetic)', 'Awaiting information from social care (synthetic)'])
  }

  /**
   * The breach job (every minute) acts on open clocks whose standard names an action once the breach has
   * been known for the grace period: `end-service-request` closes the clock as missed and ends the
   * request and its allocation. True if it did, which ends the case: nothing scripted after it happens.
   */
  private actOnBreaches(until: number, script: CaseScript): boolean {
    const breached = this.open.find(
      (c) => c.onBreach !== 'flag' && c.pausedAt === null && jobRunAfter(breachActionAt(c, this.graceWorkingDays, this.team.calendar)).getTime() < until,
    )
    if (!breached) return false
    const at = jobRunAfter(breachActionAt(breached, this.graceWorkingDays, this.team.calendar))
    const { clock } = applyClockChange(breached, { kind: 'close', clockId: breached.id, at }, this.team.scheduler)
    Object.assign(breached, clock, { breachActionedAt: at, lateReason: BREACH_ACTION_REASON, version: breached.version + 1, updatedAt: at })
    this.open = this.open.filter((c) => c !== breached)
    this.events.push({
      type: 'sla-clock.breach-actioned',
      subjectType: 'sla_clock',
      subjectId: breached.id,
      familyId: breached.familyId,
      teamId: breached.teamId,
      occurredAt: at,
      recordedAt: at,
      actingUser: 'system:sla-engine',
      data: JSON.stringify({
        action: breached.onBreach,
        standard: breached.standardKey,
        subjectType: breached.subjectType,
        subjectId: breached.subjectId,
        serviceRequestId: script.request.id,
      }),
    })
    const R = script.request
    const allocation = activeAllocation(this.applied)
    const work = { ...script.events[0].work, practitionerId: breached.practitionerId ?? null }
    this.apply({ type: 'service-request.ended', subject: R, parents: [], at: at.getTime(), work, reason: 'no_progress' }, at)
    if (allocation) this.apply({ type: 'allocation.ended', subject: allocation, parents: [R], at: at.getTime(), work, reason: 'no_progress' }, at)
    return true
  }
}

function activeAllocation(events: ScriptEvent[]): { type: string; id: string } | null {
  const created = events.filter((e) => e.type === 'allocation.created').pop()
  if (!created || events.some((e) => e.type === 'allocation.ended' && e.subject.id === created.subject.id)) return null
  return created.subject
}
