/** Dates are ISO local dates (`YYYY-MM-DD`) in the calendar's time zone; instants are JS Dates. */
export type IsoDate = string

export const DIVISIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const
export type Division = (typeof DIVISIONS)[number]

export type HolidayKind = 'bank_holiday' | 'closure'

export interface Holiday {
  date: IsoDate
  title: string
  kind: HolidayKind
}

/** Why a day did not count as a working day. */
export type SkipReason = 'weekend' | 'bank_holiday' | 'closure'

export interface DayExplanation {
  date: IsoDate
  counted: boolean
  /** Present when `counted` is false. */
  reason?: SkipReason
  /** The holiday's or closure's title, when the reason is one. */
  title?: string
}

/** What the working-day arithmetic needs to know about one calendar at one version. */
export interface CalendarDefinition {
  id: string
  timeZone: string
  /** Every bank holiday and closure day of the calendar (weekends are implied). */
  holidays: Holiday[]
}

/**
 * A calendar with its lookup tables built: every operation is O(1) inside the supported range.
 * Dates outside the supported range throw a `CalendarRangeError`.
 */
export interface WorkingCalendar {
  readonly id: string
  readonly timeZone: string
  isWorkingDay(date: IsoDate): boolean
  /** Number of working days d with a < d <= b; negative when b < a. */
  workingDaysBetween(a: IsoDate, b: IsoDate): number
  /** The Nth working day strictly after `start` (N >= 0; N = 0 returns `start`). */
  addWorkingDays(start: IsoDate, n: number): IsoDate
  /** Each day in (from, to], counted or skipped with its reason. */
  explain(from: IsoDate, to: IsoDate): DayExplanation[]
  /** Bank holidays and closures with from <= date <= to, in date order. */
  holidaysBetween(from: IsoDate, to: IsoDate): Holiday[]
}
