import { localDate, type WorkingCalendar } from '../calendar/index.js'
import { PAUSE_EVENT, RESUME_EVENT } from './event-types.js'
import type { Standard, StandardsPreset } from './standard.schema.js'
import type { ClockChange, OpenClock, SlaEvent, SubjectRef } from './types.js'

/** The subject a standard's clock hangs on for this event: the event's own subject, or its ancestor of that type. */
function subjectFor(standard: Standard, event: SlaEvent): SubjectRef | undefined {
  if (event.subjectType === standard.subject) return { type: event.subjectType, id: event.subjectId }
  return event.parentSubjects?.find((parent) => parent.type === standard.subject)
}

const lists = (events: readonly string[], type: string) => events.includes(type)

const on = (clock: OpenClock, subject: SubjectRef) => clock.subjectType === subject.type && clock.subjectId === subject.id

/**
 * The clock changes one domain event causes under a preset (architecture.md, "The SLA engine is the
 * heart"). For each standard, in order:
 * - an event in `cancelOn` cancels, and one in `stopsOn` stops, the standard's open clocks on the subject
 *   that started by the time it occurred (a paused clock is resumed first, so its paused days are totalled);
 * - an event in `startsOn`, or one that stopped a `recurring` standard's clock, starts a clock at the event's
 *   time unless one is still open; it starts paused if the subject is suspended (a clock of it is paused).
 * Then, for every standard alike, `intervention.suspended` pauses the subject's open pausable clocks and
 * `intervention.resumed` resumes its paused ones (003).
 * `openClocks` are the open clocks of the subjects involved; clocks of other subjects are ignored.
 */
export function planClockChanges(preset: StandardsPreset, event: SlaEvent, openClocks: readonly OpenClock[]): ClockChange[] {
  const at = event.occurredAt
  const changes: ClockChange[] = []
  const closed = new Set<string>()
  const suspended = (subject: SubjectRef) => openClocks.some((c) => on(c, subject) && c.pausedAt !== null && c.pausedAt <= at)

  for (const standard of preset.standards) {
    const subject = subjectFor(standard, event)
    if (subject === undefined) continue
    const mine = openClocks.filter((c) => c.standardKey === standard.key && on(c, subject))

    const cancels = lists(standard.cancelOn, event.type)
    const stops = lists(standard.stopsOn, event.type)
    let stopped = false
    if (cancels || stops) {
      for (const clock of mine) {
        if (clock.startedAt > at) continue
        if (clock.pausedAt !== null) changes.push({ kind: 'resume', clockId: clock.id, at: clock.pausedAt > at ? clock.pausedAt : at })
        changes.push({ kind: cancels ? 'cancel' : 'stop', clockId: clock.id, at })
        closed.add(clock.id)
        stopped = true
      }
    }

    const starts = lists(standard.startsOn, event.type) || (stops && !cancels && stopped && standard.recurring)
    const stillOpen = mine.some((c) => !closed.has(c.id))
    if (starts && !stillOpen) {
      const pausedAt = standard.pausable && suspended(subject) ? at : null
      changes.push({ kind: 'start', standardKey: standard.key, subjectType: subject.type, subjectId: subject.id, startedAt: at, pausedAt })
    }
  }

  if (event.type === PAUSE_EVENT || event.type === RESUME_EVENT) {
    const subject = { type: event.subjectType, id: event.subjectId }
    const pausable = new Set(preset.standards.filter((s) => s.pausable).map((s) => s.key))
    for (const clock of openClocks) {
      if (!on(clock, subject) || closed.has(clock.id) || clock.startedAt > at) continue
      if (event.type === PAUSE_EVENT && clock.pausedAt === null && pausable.has(clock.standardKey))
        changes.push({ kind: 'pause', clockId: clock.id, at })
      if (event.type === RESUME_EVENT && clock.pausedAt !== null) changes.push({ kind: 'resume', clockId: clock.id, at })
    }
  }
  return changes
}

/**
 * The clock's paused working days once it resumes at `resumedAt`: its earlier total plus the working days
 * between the local pause date and the local resume date (working-days.md, "Pausing").
 */
export function applyResume(
  clock: Pick<OpenClock, 'pausedAt' | 'pausedWorkingDays'>,
  resumedAt: Date,
  calendar: WorkingCalendar,
): number {
  if (clock.pausedAt === null) return clock.pausedWorkingDays
  if (resumedAt < clock.pausedAt)
    throw new RangeError(`A clock paused at ${clock.pausedAt.toISOString()} cannot resume earlier, at ${resumedAt.toISOString()}`)
  const zone = calendar.timeZone
  return clock.pausedWorkingDays + calendar.workingDaysBetween(localDate(clock.pausedAt, zone), localDate(resumedAt, zone))
}
