import type { ColumnType, Selectable } from 'kysely'
import type { Division } from '../../calendar/index.js'
import type { Audited, Instant, Json } from '../schema.js'

export interface CalendarsTable extends Audited {
  id: string
  name: string
  division: Division
  builtIn: ColumnType<boolean, boolean | undefined, boolean>
  timeZone: ColumnType<string, string | undefined, string>
}

export interface CalendarClosuresTable {
  calendarId: string
  date: string
  title: string
}

export interface OfficialBankHolidaysTable {
  division: string
  date: string
  title: string
}

export interface BankHolidayImportsTable {
  id: string
  importedAt: Instant
  apiKeyId: string | null
  source: string
  coveredYears: Json<number[]>
  changes: Json<Record<string, unknown>>
}

export type CalendarRow = Selectable<CalendarsTable>
