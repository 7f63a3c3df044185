import type { IsoDate } from '../calendar/index.js'
import type { StandardTarget } from './standard.schema.js'

export interface SubjectRef {
  type: string
  id: string
}

/**
 * A domain event as the engine sees it. `parentSubjects` are the subject's ancestors (subjects.ts): an
 * `allocation.created` names its request, a `contact.occurred` its intervention, allocation and request.
 * `until` is a date the event itself names, for a clock due on it (consent extended until a date).
 */
export interface SlaEvent {
  type: string
  subjectType: string
  subjectId: string
  occurredAt: Date
  parentSubjects?: SubjectRef[]
  until?: IsoDate | null
}

/** Where a piece of work sits: what every clock it starts is filed under. */
export interface WorkRef {
  /** Null only for work on a practitioner (their supervision), which belongs to no family. */
  familyId: string | null
  teamId: string
  practitionerId: string | null
  serviceRequestId: string | null
}

/**
 * A clock as the pure engine keeps it: what it measures (copied from its standard when it started, so it
 * keeps the title and target it started under), where it is filed, and its schedule and verdict.
 * Open while `completedAt` and `closedAt` are both null.
 */
export interface ClockState extends WorkRef {
  id: string
  standardKey: string
  presetId: string
  title: string
  target: StandardTarget
  dueSoonWithin: number
  onBreach: string
  subjectType: string
  subjectId: string
  calendarId: string
  startedAt: Date
  /** A date the due date may not pass: a `date_given` target's date, or where an event brought it forward. */
  dueBy: IsoDate | null
  dueDate: IsoDate
  dueAt: Date
  dueSoonAt: Date
  /** Its work was done (met, or met late). */
  completedAt: Date | null
  /** Closed without its work done: cancelled when by `dueAt`, missed after it. */
  closedAt: Date | null
  pausedAt: Date | null
  pausedWorkingDays: number
}

/** The part of a clock the engine plans with. */
export type OpenClock = Pick<ClockState, 'id' | 'standardKey' | 'presetId' | 'subjectType' | 'subjectId' | 'startedAt' | 'pausedAt' | 'pausedWorkingDays'>

/** What the engine asks the caller to do to the clocks. */
export type ClockChange =
  | {
      kind: 'start'
      standardKey: string
      subjectType: string
      subjectId: string
      startedAt: Date
      /** Set when the subject is suspended as the clock starts: it starts paused. */
      pausedAt: Date | null
      /** The date a `date_given` target is due on. */
      until: IsoDate | null
    }
  | { kind: 'stop' | 'close' | 'pause' | 'resume' | 'bring-forward'; clockId: string; at: Date }

/** A stored clock, as read to build its view or explanation. */
export type ClockRow = Pick<
  ClockState,
  | 'id'
  | 'standardKey'
  | 'title'
  | 'target'
  | 'calendarId'
  | 'subjectType'
  | 'subjectId'
  | 'startedAt'
  | 'dueDate'
  | 'dueAt'
  | 'completedAt'
  | 'closedAt'
  | 'pausedAt'
  | 'pausedWorkingDays'
> & { recordedAt?: Date }
