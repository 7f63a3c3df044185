/** `CaseSimulator`: runs a case's events through the real SLA engine, as `recordAndApply` and the jobs would have. */
import { applyResume, planClockChanges, type SubjectRef } from '../../src/sla/index.js'
import type { CaseScript, ScriptEvent } from './case-script.js'
import type { ClockRecord, PauseRecord, SimulatedCase } from './clock-records.js'
import { newId, type Random } from './random.js'
import type { Team } from './teams.js'
import { MINUTE } from './time.js'

/** When a job that runs every minute next runs after `t` (a couple of seconds into the minute). */
const jobRunAfter = (t: Date) => new Date(Math.ceil((t.getTime() + 1) / MINUTE) * MINUTE + 2_000)

const BREACH_ACTION_REASON = 'No planning progress: the request was ended by the service'

export class CaseSimulator {
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
