import { localDate, type WorkingCalendar } from '../calendar/index.js'
import { CLOSE_ALL_EVENTS, PAUSE_EVENT, RESUME_EVENT } from './event-types.js'
import { laterOf } from './invariants.js'
import type { Standard, StandardsPreset } from './standard.schema.js'
import type { ClockChange, OpenClock, SlaEvent, SubjectRef } from './types.js'

/** The rules an open clock follows: those of the standard it started under. */
export type ClockRules = Pick<Standard, 'stopsOn' | 'cancelOn' | 'bringForwardOn' | 'pausable'>

/** The subject a standard's clock hangs on for this event: the event's own subject, or its ancestor of that type. */
function subjectFor(standard: Pick<Standard, 'subject'>, event: SlaEvent): SubjectRef | undefined {
  if (event.subjectType === standard.subject) return { type: event.subjectType, id: event.subjectId }
  return event.parentSubjects?.find((parent) => parent.type === standard.subject)
}

const lists = (events: readonly string[], type: string) => events.includes(type)

const on = (clock: OpenClock, subject: SubjectRef) => clock.subjectType === subject.type && clock.subjectId === subject.id

/** Whether the event is about the clock's subject, directly or as one of its ancestors. */
const involves = (event: SlaEvent, clock: OpenClock) =>
  on(clock, { type: event.subjectType, id: event.subjectId }) || (event.parentSubjects ?? []).some((p) => on(clock, p))

/**
 * The clock changes one domain event causes (architecture.md, "The SLA engine is the heart").
 * 1. Each open clock of a subject the event involves, started by the time it occurred, follows the rules of
 *    the standard it started under (`rulesOf`; a team may have changed preset since): an event in its
 *    `cancelOn` closes it, one in `stopsOn` stops it (a paused clock is resumed first, so its paused days
 *    are totalled), one in `bringForwardOn` brings its due date forward to the event's day.
 * 2. Each standard of the team's current preset starts a clock at the event's time when the event is in
 *    its `startsOn`, or stopped a clock of a `recurring` standard, unless one is still open on the subject;
 *    it starts paused if the subject is suspended (a clock of it is paused).
 *    An event of `CLOSE_ALL_EVENTS` (consent withdrawn) closes every open clock of its own subject.
 * 3. `intervention.suspended` pauses the subject's open pausable clocks and `intervention.resumed` resumes
 *    its paused ones (003).
 * `openClocks` are the open clocks of the subjects involved; clocks of other subjects are ignored.
 */
export function planClockChanges(
  preset: StandardsPreset,
  event: SlaEvent,
  openClocks: readonly OpenClock[],
  rulesOf: (clock: OpenClock) => ClockRules | undefined = (clock) => preset.standards.find((s) => s.key === clock.standardKey),
): ClockChange[] {
  const at = event.occurredAt
  const changes: ClockChange[] = []
  const closed = new Set<string>()
  const stoppedKeys = new Set<string>()
  const suspended = (subject: SubjectRef) => openClocks.some((c) => on(c, subject) && c.pausedAt !== null && c.pausedAt <= at)

  for (const clock of openClocks) {
    const rules = rulesOf(clock)
    if (!rules || clock.startedAt > at || !involves(event, clock)) continue
    const closes =
      lists(rules.cancelOn, event.type) || (CLOSE_ALL_EVENTS.includes(event.type as never) && on(clock, { type: event.subjectType, id: event.subjectId }))
    if (closes || lists(rules.stopsOn, event.type)) {
      if (clock.pausedAt !== null) changes.push({ kind: 'resume', clockId: clock.id, at: laterOf(clock.pausedAt, at) })
      changes.push({ kind: closes ? 'close' : 'stop', clockId: clock.id, at })
      closed.add(clock.id)
      if (!closes) stoppedKeys.add(`${clock.standardKey}@${clock.subjectId}`)
    } else if (lists(rules.bringForwardOn, event.type)) {
      changes.push({ kind: 'bring-forward', clockId: clock.id, at })
    }
  }

  for (const standard of preset.standards) {
    const subject = subjectFor(standard, event)
    if (subject === undefined) continue
    const starts = lists(standard.startsOn, event.type) || (standard.recurring && stoppedKeys.has(`${standard.key}@${subject.id}`))
    const stillOpen = openClocks.some((c) => c.standardKey === standard.key && on(c, subject) && !closed.has(c.id))
    if (starts && !stillOpen) {
      const pausedAt = standard.pausable && suspended(subject) ? at : null
      changes.push({
        kind: 'start',
        standardKey: standard.key,
        subjectType: subject.type,
        subjectId: subject.id,
        startedAt: at,
        pausedAt,
        until: event.until ?? null,
      })
    }
  }

  if (event.type === PAUSE_EVENT || event.type === RESUME_EVENT) {
    const subject = { type: event.subjectType, id: event.subjectId }
    for (const clock of openClocks) {
      if (!on(clock, subject) || closed.has(clock.id) || clock.startedAt > at) continue
      if (event.type === PAUSE_EVENT && clock.pausedAt === null && rulesOf(clock)?.pausable) changes.push({ kind: 'pause', clockId: clock.id, at })
      if (event.type === RESUME_EVENT && clock.pausedAt !== null) changes.push({ kind: 'resume', clockId: clock.id, at })
    }
  }
  return changes
}

/**
 * The clock's paused working days once it resumes at `resumedAt`: its earlier total plus the working days
 * between the local pause date and the local resume date (working-days.md, "Pausing").
 */
export function applyResume(clock: Pick<OpenClock, 'pausedAt' | 'pausedWorkingDays'>, resumedAt: Date, calendar: WorkingCalendar): number {
  if (clock.pausedAt === null) return clock.pausedWorkingDays
  if (resumedAt < clock.pausedAt) throw new RangeError(`A clock paused at ${clock.pausedAt.toISOString()} cannot resume earlier, at ${resumedAt.toISOString()}`)
  const zone = calendar.timeZone
  return clock.pausedWorkingDays + calendar.workingDaysBetween(localDate(clock.pausedAt, zone), localDate(resumedAt, zone))
}
