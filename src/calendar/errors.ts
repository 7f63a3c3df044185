/** A date (or year) outside the range the calendar tables cover. */
export class CalendarRangeError extends RangeError {
  constructor(message: string) {
    super(message)
    this.name = 'CalendarRangeError'
  }
}

/** A string that is not a real `YYYY-MM-DD` calendar date (e.g. `2026-02-30`). */
export class InvalidDateError extends TypeError {
  constructor(value: unknown) {
    super(`Invalid ISO date: ${JSON.stringify(value)} (expected a real YYYY-MM-DD date)`)
    this.name = 'InvalidDateError'
  }
}
