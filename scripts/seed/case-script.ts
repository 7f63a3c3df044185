/** `CaseScript`: builds the domain events of one request for service, with the time helpers the case scripts use. */
import type { SubjectRef } from '../../src/sla/index.js'
import { newId, type Random } from './random.js'
import type { Target } from './scheduler.js'
import type { Team } from './teams.js'
import { DAY, MINUTE } from './time.js'
import { type Odds, officeHours, spanDays, USUAL } from './timing.js'

export interface Work {
  familyId: string
  teamId: string
  practitionerId: string | null
  serviceRequestId: string
}

export interface ScriptEvent {
  type: string
  subject: SubjectRef
  parents: SubjectRef[]
  at: number
  work: Work
  reason?: string
  /** The date a dated event names (consent extended until). */
  until?: string
}

/** Builds one case's events; time helpers keep work in office hours on weekdays (UTC, near enough to UK time). */
export class CaseScript {
  readonly events: ScriptEvent[] = []
  readonly request: SubjectRef
  end: number

  constructor(
    readonly rng: Random,
    readonly team: Team,
    readonly familyId: string,
    readonly receivedAt: number,
  ) {
    this.request = this.subject('service_request', receivedAt)
    this.end = receivedAt
  }

  subject(type: string, at: number): SubjectRef {
    return { type, id: newId(this.rng, at) }
  }

  /** Records an event that happens (`at` is null when it never does); true if it was recorded. */
  emit(
    type: string,
    subject: SubjectRef,
    parents: SubjectRef[],
    at: number | null,
    practitionerId: string | null,
    reason?: string,
    until?: string,
  ): at is number {
    if (at === null) return false
    this.events.push({
      type,
      subject,
      parents,
      at,
      reason,
      ...(until ? { until } : {}),
      work: { familyId: this.familyId, teamId: this.team.row.id, practitionerId, serviceRequestId: this.request.id },
    })
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
