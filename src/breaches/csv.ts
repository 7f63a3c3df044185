import { stringify } from 'csv-stringify/sync'

/** A CSV column: the row's field and the header a spreadsheet user reads. */
export interface CsvColumn {
  readonly key: string
  readonly header: string
}

/**
 * CSV for spreadsheets (RFC 4180, CRLF line ends): headers in words, a UTF-8 byte-order mark so Excel
 * reads "children’s" as written, and text cells that begin with `=`, `+`, `-`, `@`, a tab or a carriage
 * return prefixed with `'` so they are never taken as formulas (OWASP "CSV injection"). Numbers stay numbers.
 */
export function toCsv(columns: readonly CsvColumn[], rows: readonly Record<string, unknown>[]): string {
  return stringify(rows as Record<string, unknown>[], {
    bom: true,
    header: true,
    columns: columns.map(({ key, header }) => ({ key, header })),
    record_delimiter: 'windows',
    escape_formulas: true,
    cast: {
      date: (value) => value.toISOString(),
      boolean: (value) => (value ? 'true' : 'false'),
      object: (value) => JSON.stringify(value),
    },
  })
}

/** The columns' headers, for the contract's description of a CSV response. */
export const csvHeaders = (columns: readonly CsvColumn[]) => columns.map((c) => `"${c.header}"`).join(', ')
