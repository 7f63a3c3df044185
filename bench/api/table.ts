/** The results table of bench:api, and its verdict. */
import type { Case } from './cases.js'
import type { CaseFigures, SideFigures } from './load.js'

export interface Row {
  c: Case
  figures: CaseFigures
}

export interface Verdict {
  ratio: number | null
  pass: boolean | null
  note: string
}

export function verdict({ c, figures }: Row): Verdict {
  const failures = figures.api.failures + (figures.bare?.failures ?? 0)
  if (failures > 0) {
    const codes = (s: SideFigures | null) =>
      s
        ? Object.entries(s.statuses)
            .map(([k, v]) => `${k}×${v}`)
            .join(' ')
        : ''
    return {
      ratio: null,
      pass: c.goal === null ? null : false,
      note: `INVALID: ${failures} failed requests (API ${codes(figures.api)}; bare ${codes(figures.bare)})`,
    }
  }
  if (!figures.bare || c.goal === null) return { ratio: figures.bare ? figures.api.reqPerSec / figures.bare.reqPerSec : null, pass: null, note: '' }
  const ratio = figures.api.reqPerSec / figures.bare.reqPerSec
  return { ratio, pass: ratio >= c.goal, note: '' }
}

const int = (n: number) => Math.round(n).toLocaleString('en-GB')
const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)}`

export function printTable(rows: Row[]): void {
  const head = ['request', 'API req/s', 'p50 ms', 'p99 ms', 'bare req/s', 'p50 ms', 'p99 ms', 'ratio', 'goal', 'result']
  const lines = rows.map((row) => {
    const { c, figures } = row
    const v = verdict(row)
    const b = figures.bare
    return [
      c.title,
      int(figures.api.reqPerSec),
      ms(figures.api.p50),
      ms(figures.api.p99),
      b ? int(b.reqPerSec) : '',
      b ? ms(b.p50) : '',
      b ? ms(b.p99) : '',
      v.ratio === null ? '' : `${v.ratio.toFixed(2)}×`,
      c.goal === null ? '' : `≥ ${c.goal}×`,
      v.pass === null ? v.note || '' : v.pass ? 'pass' : `FAIL${v.note ? ` ${v.note}` : ''}`,
    ]
  })
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)))
  const format = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 || i === cells.length - 1 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join(' | ')
      .trimEnd()
  console.log(format(head))
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'))
  for (const line of lines) console.log(format(line))
}

export function printRuns(rows: Row[]): void {
  console.log('\nreq/s of each run, in the order run:')
  const width = Math.max(...rows.map((r) => r.c.id.length))
  for (const { c, figures } of rows) {
    const api = figures.api.runs.map(int)
    const bare = figures.bare?.runs.map(int) ?? []
    const order = bare.length > 0 ? api.flatMap((a, i) => [`bare ${bare[i]}`, `API ${a}`]) : api.map((a) => `API ${a}`)
    console.log(`  ${c.id.padEnd(width)} ${order.join(', ')}`)
  }
}

export function printCpu(rows: Row[]): void {
  const cpu = (s: SideFigures | null) =>
    s?.cpu
      ? `${s.cpu.server.toFixed(2)} + ${s.cpu.postgres === null ? '?' : s.cpu.postgres.toFixed(2)} = ${(s.cpu.server + (s.cpu.postgres ?? 0)).toFixed(2)}`
      : '-'
  if (!rows.some((r) => r.figures.api.cpu)) return
  console.log('\nCPU ms per request (server process + PostgreSQL = total), over the measured runs:')
  const width = Math.max(...rows.map((r) => r.c.title.length))
  for (const { c, figures } of rows) {
    const ratio =
      figures.api.cpu && figures.bare?.cpu
        ? `  (API/bare ${((figures.api.cpu.server + (figures.api.cpu.postgres ?? 0)) / (figures.bare.cpu.server + (figures.bare.cpu.postgres ?? 0))).toFixed(1)}×)`
        : ''
    console.log(`  ${c.title.padEnd(width)}  API ${cpu(figures.api).padEnd(22)} bare ${cpu(figures.bare).padEnd(22)}${ratio}`)
  }
}
