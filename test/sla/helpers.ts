import { builtInCalendar, type WorkingCalendar } from '../../src/calendar/index.js'
import { applyClockChange, startClock } from '../../src/sla/clock-state.js'
import { computeDue } from '../../src/sla/due.js'
import { planClockChanges } from '../../src/sla/engine.js'
import { type EventType, eventSubjectType } from '../../src/sla/event-types.js'
import type { StandardsPreset, StandardTarget } from '../../src/sla/standard.schema.js'
import { ancestorsOf, type SubjectType } from '../../src/sla/subjects.js'
import type { ClockChange, ClockRow, ClockState, OpenClock, SlaEvent } from '../../src/sla/types.js'

export const englandAndWales = (): WorkingCalendar => builtInCalendar('england-and-wales')
export const scotland = (): WorkingCalendar => builtInCalendar('scotland')

/** One id per subject type, so a family's request, allocation, intervention and contact hang together. */
export const IDS: Record<SubjectType, string> = {
  service_request: 'request-1',
  allocation: 'allocation-1',
  consultation: 'consultation-1',
  intervention: 'intervention-1',
  contact: 'contact-1',
  escalation: 'escalation-1',
  practitioner: 'practitioner-1',
  plan: 'plan-1',
  plan_action: 'plan-action-1',
  assessment: 'assessment-1',
}

/** An event on the subject its type names, carrying that subject's ancestors as parents (as route handlers will). */
export function eventOf(type: EventType, occurredAt: Date, ids: Partial<Record<SubjectType, string>> = {}): SlaEvent {
  const all = { ...IDS, ...ids }
  const subjectType = eventSubjectType(type)
  return {
    type,
    subjectType,
    subjectId: all[subjectType],
    occurredAt,
    parentSubjects: ancestorsOf(subjectType).map((parent) => ({ type: parent, id: all[parent] })),
  }
}

export function openClock(id: string, standardKey: string, subjectType: SubjectType, startedAt: Date, extra: Partial<OpenClock> = {}): OpenClock {
  return { id, standardKey, presetId: 'trt', subjectType, subjectId: IDS[subjectType], startedAt, pausedAt: null, pausedWorkingDays: 0, ...extra }
}

/** A stored clock row, its due date computed as the engine's caller would. */
export function clockRow(target: StandardTarget, startedAt: string, calendar: WorkingCalendar, extra: Partial<ClockRow> = {}): ClockRow {
  const started = new Date(startedAt)
  const { dueDate, dueAt } = computeDue(target, started, calendar, extra.pausedWorkingDays ?? 0)
  return {
    id: 'clock-1',
    standardKey: 'allocation',
    title: 'Allocate within 3 working days of the request',
    target,
    calendarId: calendar.id,
    startedAt: started,
    dueDate,
    dueAt,
    subjectType: 'service_request',
    subjectId: IDS.service_request,
    completedAt: null,
    closedAt: null,
    pausedAt: null,
    pausedWorkingDays: 0,
    ...extra,
  }
}

/** The error `fn` throws, or undefined when it returns. */
export function thrown(fn: () => unknown): Error | undefined {
  try {
    fn()
  } catch (err) {
    return err as Error
  }
  return undefined
}

/**
 * An in-memory clock store applying the engine's changes with the same change function the database
 * layer and the seeder use (`startClock`, `applyClockChange`).
 */
export class ClockStore {
  readonly rows: ClockState[] = []
  private next = 1

  constructor(
    private readonly preset: StandardsPreset,
    private readonly calendar: WorkingCalendar,
  ) {}

  open(): ClockState[] {
    return this.rows.filter((r) => r.completedAt === null && r.closedAt === null)
  }

  record(event: SlaEvent): ClockChange[] {
    const changes = planClockChanges(this.preset, event, this.open())
    for (const change of changes) this.apply(change)
    return changes
  }

  find(standardKey: string): ClockState[] {
    return this.rows.filter((r) => r.standardKey === standardKey)
  }

  private apply(change: ClockChange): void {
    if (change.kind === 'start') {
      const standard = this.preset.standards.find((s) => s.key === change.standardKey)!
      const work = { familyId: 'family-1', teamId: 'team-1', practitionerId: null, serviceRequestId: null }
      this.rows.push(startClock(`clock-${this.next++}`, standard, this.preset.id, change, work, this.calendar).clock)
      return
    }
    // Updated in place, so a test holding a row sees it change.
    const row = this.rows.find((r) => r.id === change.clockId)!
    Object.assign(row, applyClockChange(row, change, this.calendar).clock)
  }
}
