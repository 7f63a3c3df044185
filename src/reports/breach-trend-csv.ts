import type { CsvColumn } from '../breaches/csv.js'

/** The trend's CSV columns, in words, the team's or standard's label beside its key. */
export const BREACH_TREND_CSV_COLUMNS: readonly CsvColumn[] = [
  { key: 'period', header: 'Period starting' },
  { key: 'label', header: 'Standard or team' },
  { key: 'key', header: 'Key' },
  { key: 'met', header: 'Met' },
  { key: 'metLate', header: 'Met late' },
  { key: 'missed', header: 'Missed' },
  { key: 'overdue', header: 'Overdue' },
]
