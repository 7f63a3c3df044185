import type { ColumnType, Selectable } from 'kysely'
import type { Instant, Version } from '../schema.js'

export interface SlaClocksTable {
  id: string
  standardKey: string
  presetId: string
  title: string
  targetAmount: number
  targetUnit: 'working_days' | 'calendar_days' | 'weeks' | 'months' | 'hours' | 'same_day' | 'date_given'
  dueSoonWithin: number
  onBreach: string
  subjectType: string
  subjectId: string
  /** Null only for a practitioner's clock (supervision), which no family's work carries. */
  familyId: string | null
  teamId: string
  practitionerId: string | null
  serviceRequestId: string | null
  calendarId: string
  startedAt: Instant
  dueBy: string | null
  dueDate: string
  dueAt: Instant
  dueSoonAt: Instant
  /** When the current due instant was set (start, resume, calendar change): a breach is known from the later of this and dueAt. */
  scheduledAt: Instant
  completedAt: Date | null
  closedAt: Date | null
  pausedAt: Date | null
  pausedWorkingDays: ColumnType<number, number | undefined, number>
  lateReason: string | null
  breachActionedAt: Date | null
  overdueAnnouncedAt: Date | null
  version: Version
  createdAt: Instant
  updatedAt: Instant
}

export interface SlaClockPausesTable {
  clockId: string
  pausedAt: Instant
  resumedAt: Date | null
  workingDays: number | null
}

export type SlaClockRow = Selectable<SlaClocksTable>

/** Clocks met late or missed, counted per team, standard, practitioner and month of the due date (kept by triggers). */
export interface SlaVerdictCountsTable {
  teamId: string
  standardKey: string
  practitionerId: string | null
  dueMonth: string
  metLate: string
  missed: string
}
