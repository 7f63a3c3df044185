import type { IsoDate } from '../calendar/index.js'
import type { StandardTarget } from './standard.schema.js'

export interface SubjectRef {
  type: string
  id: string
}

/**
 * A domain event as the engine sees it. `parentSubjects` are the subject's ancestors (subjects.ts): an
 * `allocation.created` names its request, a `contact.occurred` its intervention, allocation and request.
 */
export interface SlaEvent {
  type: string
  subjectType: string
  subjectId: string
  occurredAt: Date
  parentSubjects?: SubjectRef[]
}

/** An open clock row (not completed, not cancelled) of a subject the event involves. */
export interface OpenClock {
  id: string
  standardKey: string
  subjectType: string
  subjectId: string
  startedAt: Date
  pausedAt: Date | null
  pausedWorkingDays: number
}

/** What the engine asks the caller to do to the clock rows. */
export type ClockChange =
  | {
      kind: 'start'
      standardKey: string
      subjectType: string
      subjectId: string
      startedAt: Date
      /** Set when the subject is suspended as the clock starts: it starts paused. */
      pausedAt: Date | null
    }
  | { kind: 'stop' | 'cancel' | 'pause' | 'resume'; clockId: string; at: Date }

/** A stored clock, as read to build its view or explanation. */
export interface ClockRow {
  id: string
  standardKey: string
  title: string
  target: StandardTarget
  calendarId: string
  startedAt: Date
  dueDate: IsoDate
  dueAt: Date
  completedAt: Date | null
  cancelledAt: Date | null
  pausedAt: Date | null
  pausedWorkingDays: number
}
