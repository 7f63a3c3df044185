/**
 * The columns a clock query joins from `calendars` (`innerJoin('calendars', 'calendars.id',
 * 'slaClocks.calendarId')`) so that the clocks' working calendars come from the same snapshot as the
 * clocks, without reading the calendar rows again.
 */
export const CALENDAR_STAMP = [
  'calendars.version as calendarVersion',
  'calendars.division as calendarDivision',
  'calendars.timeZone as calendarTimeZone',
] as const
