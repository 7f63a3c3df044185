import type { AliasedRawBuilder, SelectQueryBuilder } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { StampedClockRow } from './sla-blocks.js'

type InstantColumn = { [K in keyof StampedClockRow]-?: Date extends StampedClockRow[K] ? K : never }[keyof StampedClockRow]

/** A clock row as a JSON column carries it: its instants as ISO 8601 strings. */
export type ClockJson = Omit<StampedClockRow, InstantColumn> & { [K in InstantColumn]: null extends StampedClockRow[K] ? string | null : string }

/** Every instant column of a clock row: the compiler checks that none is left out, so none stays a string. */
const INSTANTS: Record<InstantColumn, true> = {
  startedAt: true,
  dueAt: true,
  dueSoonAt: true,
  scheduledAt: true,
  completedAt: true,
  closedAt: true,
  pausedAt: true,
  breachActionedAt: true,
  overdueAnnouncedAt: true,
  createdAt: true,
  updatedAt: true,
}
const INSTANT_COLUMNS = Object.keys(INSTANTS) as InstantColumn[]

/**
 * A query's clocks as one JSON column of the record that reads them, so that the record and its clocks
 * come in one statement. The query selects every column of `sla_clocks` and `CALENDAR_STAMP`.
 */
export const clocksColumn = <DB, TB extends keyof DB>(clocks: SelectQueryBuilder<DB, TB, StampedClockRow>): AliasedRawBuilder<ClockJson[], 'clocks'> =>
  jsonArrayFrom(clocks).$castTo<ClockJson[]>().as('clocks')

/** A clock row from its JSON form, as the driver would have read it from its columns. */
export function clockFromJson(json: ClockJson): StampedClockRow {
  const row: Record<string, unknown> = { ...json }
  for (const column of INSTANT_COLUMNS) {
    const value = json[column]
    row[column] = value === null ? null : new Date(value)
  }
  return row as StampedClockRow
}

/** A record read with `clocksColumn`, apart: the record's row, and its clocks as rows; undefined if none was read. */
export function withClockRows<R extends { clocks: ClockJson[] }>(found: R | undefined): { row: Omit<R, 'clocks'>; clocks: StampedClockRow[] } | undefined {
  if (!found) return undefined
  const { clocks, ...row } = found
  return { row, clocks: clocks.map(clockFromJson) }
}
