/** Steps shared by the case scripts: deciding, allocating, suspending, weekly contacts, closing, and TRT's side events. */
import type { SubjectRef } from '../../src/sla/index.js'
import type { CaseScript } from './case-script.js'
import { DAY } from './time.js'
import { days, RECURRING, SAME_DAY, wd } from './timing.js'

type Parents = SubjectRef[]
interface Suspension {
  from: number
  to: number
}

/** Now and then an intervention is suspended (e.g. a Section 47 enquiry) for a few weeks: pausable clocks pause. */
export function maybeSuspend(c: CaseScript, I: SubjectRef, parents: Parents, from: number, to: number, worker: string): Suspension | null {
  if (!c.rng.chance(0.1)) return null
  const at = c.later(from, 7, Math.max(8, ((to - from) / DAY) * 0.6))
  const resumed = c.later(at, 5, 60)
  c.emit('intervention.suspended', I, parents, at, worker)
  c.emit('intervention.resumed', I, parents, resumed, worker)
  return { from: at, to: resumed }
}

/** Weekly contacts from `from` to `to` (none while suspended), each recorded within about 2 working days. */
export function weeklyContacts(c: CaseScript, I: SubjectRef, parents: Parents, from: number, to: number, pause: Suspension | null, worker: string) {
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
export function decide(c: CaseScript, at: number, withdrawnAt = at): 'accepted' | 'declined' | 'returned' | 'withdrawn' {
  const outcome = c.rng.weighted({ accepted: 0.88, declined: 0.05, returned: 0.04, withdrawn: 0.03 })
  if (outcome === 'declined' || outcome === 'returned') c.emit(`service-request.${outcome}`, c.request, [], at, null, `Synthetic ${outcome} reason`)
  if (outcome === 'withdrawn') c.emit('service-request.withdrawn', c.request, [], withdrawnAt, null, 'withdrawn')
  return outcome
}

/** The request is allocated to a worker: the allocation subject, recorded on the request. */
export function allocate(c: CaseScript, at: number, worker: string): SubjectRef {
  const allocation = c.subject('allocation', at)
  c.emit('service-request.allocated', c.request, [], at, worker)
  c.emit('allocation.created', allocation, [c.request], at, worker)
  return allocation
}

/** The intervention ends (rarely, it drifts on and never does), and with it the allocation and the request. */
export function close(c: CaseScript, I: SubjectRef | null, A: SubjectRef, at: number, worker: string): boolean {
  if (I && c.rng.chance(0.012)) return false
  if (I) c.emit('intervention.ended', I, [A, c.request], at, worker)
  c.emit('allocation.ended', A, [c.request], at, worker, 'completed')
  c.emit('service-request.ended', c.request, [], at, worker, 'completed')
  return true
}

/** A specialist consultation through the request: recorded within 2 working days, then discussed with a supervisor. */
export function consultation(c: CaseScript, from: number): void {
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
export function disagreement(c: CaseScript, from: number, worker: string): void {
  const raised = c.later(from, 3, 60)
  const subject = c.subject('escalation', raised)
  c.emit('escalation.raised', subject, [], raised, worker)
  const discussed = c.later(raised, 1, 5)
  c.emit('escalation.senior-discussion-held', subject, [], discussed, worker)
  const next = c.rng.chance(0.7) ? 'escalation.resolved' : 'escalation.raised-to-service-manager'
  c.emit(next, subject, [], c.when(discussed, wd(2)), worker)
}

export function safeguardingIncident(c: CaseScript, from: number, worker: string): void {
  const identified = c.later(from, 3, 90)
  const subject = c.subject('escalation', identified)
  c.emit('escalation.safeguarding-incident-identified', subject, [], identified, worker)
  c.emit('escalation.raised-with-manager', subject, [], c.when(identified, SAME_DAY), worker)
}
