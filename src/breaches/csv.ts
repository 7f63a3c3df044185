/** RFC 4180 CSV: every field quoted only when it must be, CRLF line ends. */
const field = (value: unknown): string => {
  if (value === null || value === undefined) return ''
  const text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  return `${[columns.join(','), ...rows.map((row) => columns.map((c) => field(row[c])).join(','))].join('\r\n')}\r\n`
}
