/** One case script per standards preset (TRT, Level 3, Targeted Help, Targeted Early Help), keyed by preset id. */
import { DateTime } from 'luxon'
import type { PresetId } from '../../src/sla/index.js'
import type { CaseScript } from './case-script.js'
import { allocate, close, consultation, decide, disagreement, maybeSuspend, safeguardingIncident, weeklyContacts } from './case-steps.js'
import { clamp, DAY, HOUR } from './time.js'
import { days, HUB_FEEDBACK, hours, months, RECURRING, wd, weeks } from './timing.js'

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
  const extendedTo = DateTime.fromMillis(started, { zone: 'Europe/London' })
    .plus({ months: c.rng.int(4, 6) })
    .toISODate()
  if (!extendedTo) throw new Error(`No consent extension date from ${started}`)
  c.emit('intervention.consent-extended', I, parents, c.before(end, c.when(started, months(3))), worker, undefined, extendedTo)
  c.emit('intervention.three-month-audit-recorded', I, parents, c.before(end, c.when(started, months(3))), worker)
  const supervision = c.before(end, c.when(started, months(3)))
  if (c.emit('intervention.joint-supervision-held', I, parents, supervision, worker)) {
    c.emit('intervention.joint-supervision-held', I, parents, c.before(end, c.when(supervision, months(3), RECURRING)), worker)
  }
  if (close(c, I, A, end, worker)) c.emit('intervention.final-audit-recorded', I, parents, c.when(end, wd(5)), worker)
  else c.emit('intervention.final-audit-recorded', I, parents, c.when(started, months(6)), worker)
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
  const review = c.before(end, c.later(started, 5, 20))
  if (c.emit('intervention.first-meeting-held', I, parents, review, worker)) {
    for (let next = c.before(end, c.when(review, weeks(8), RECURRING)); next !== null; next = c.before(end, c.when(next, weeks(8), RECURRING))) {
      c.emit('intervention.taf-review-held', I, parents, next, worker)
    }
  }
  c.emit('intervention.five-month-check-held', I, parents, c.before(end, c.when(started, months(5))), worker)
  c.emit('intervention.final-meeting-held', I, parents, end - HOUR, worker)
  close(c, I, A, end, worker)
}

/** Targeted Help (001): first review 6 weeks after allocation, then reviews every 12 weeks at most, no maximum duration. */
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
  // Reviewed at 6 weeks initially, then each within 12 weeks of the last, until the support is completed (001 §3).
  const first = c.when(allocatedAt, weeks(6))
  let review = c.before(end, first === null ? null : Math.max(first, started + HOUR))
  while (c.emit('intervention.review-held', I, parents, review, worker)) review = c.before(end, c.when(review, weeks(12), RECURRING))
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
  const contacts = Array.from({ length: clamp(Math.round(budget / 1.6 + c.rng.between(-1, 1)), 1, 10) }, () => c.later(allocatedAt, 0, duration)).sort(
    (a, b) => a - b,
  )
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

export const SCRIPTS: Record<PresetId, (c: CaseScript, budget: number) => void> = {
  trt: trtCase,
  'level-3': level3Case,
  'targeted-help': targetedHelpCase,
  'early-help': earlyHelpCase,
}
