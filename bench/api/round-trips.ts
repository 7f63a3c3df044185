/**
 * Round trips per request: an API whose database connections go through the wire tap gets a case's
 * requests one after another; each statement its pool sends while a request is in flight is counted
 * for that request (pg-boss's own connections are left out). Then, on request, EXPLAIN ANALYZE of the
 * reads one such request made.
 */
import pg from 'pg'
import { type Case, headersFor } from './cases.js'
import type { Targets } from './database.js'
import type { Statement, WireTap } from './wire-tap.js'

export interface RoundTrips {
  c: Case
  requests: number
  /** Per request, on average. */
  statements: number
  dbMs: number
  requestMs: number
  responseBytes: number
  /** Clocks in the response's SLA blocks. */
  clocks: number
  /** Each distinct statement: how often per request, and its mean time at the server. */
  bySql: { sql: string; perRequest: number; meanMs: number }[]
  /** The statements of the last request, in order. */
  last: Statement[]
}

const countClocks = (body: unknown): number => {
  if (!body || typeof body !== 'object') return 0
  const { sla, items } = body as { sla?: { clocks?: unknown[] }; items?: unknown[] }
  return (sla?.clocks?.length ?? 0) + (Array.isArray(items) ? items.reduce<number>((n, item) => n + countClocks(item), 0) : 0)
}

async function send(apiUrl: string, c: Case, next: () => { path: string; body?: string }, key: string): Promise<{ bytes: number; clocks: number }> {
  const { path, body } = next()
  const response = await fetch(`${apiUrl}${path}`, { method: c.method, headers: headersFor(c, key), body })
  const text = await response.text()
  if (!response.ok) throw new Error(`${c.method} ${path}: ${response.status} ${text.slice(0, 300)}`)
  return { bytes: Buffer.byteLength(text), clocks: text.startsWith('{') ? countClocks(JSON.parse(text)) : 0 }
}

export async function countRoundTrips(c: Case, targets: Targets, key: string, apiUrl: string, tap: WireTap, requests = 20): Promise<RoundTrips> {
  const next = c.requests(targets)
  for (let i = 0; i < 3; i++) await send(apiUrl, c, next, key) // caches filled, pool connections open
  const windows: { from: number; to: number; statements: Statement[] }[] = []
  let bytes = 0
  let clocks = 0
  const first = tap.statements.length
  for (let i = 0; i < requests; i++) {
    const from = performance.now()
    const response = await send(apiUrl, c, next, key)
    windows.push({ from, to: performance.now(), statements: [] })
    bytes += response.bytes
    clocks += response.clocks
  }
  await new Promise((resolve) => setTimeout(resolve, 50))
  for (const s of tap.statements.slice(first)) {
    if (s.applicationName === 'pgboss') continue
    windows.find((w) => s.sentAt >= w.from && s.sentAt <= w.to)?.statements.push(s)
  }
  const all = windows.flatMap((w) => w.statements)
  const groups = new Map<string, Statement[]>()
  for (const s of all) groups.set(s.sql, [...(groups.get(s.sql) ?? []), s])
  return {
    c,
    requests,
    statements: all.length / requests,
    dbMs: all.reduce((n, s) => n + s.ms, 0) / requests,
    requestMs: windows.reduce((n, w) => n + w.to - w.from, 0) / requests,
    responseBytes: bytes / requests,
    clocks: clocks / requests,
    bySql: [...groups].map(([sql, list]) => ({ sql, perRequest: list.length / requests, meanMs: list.reduce((n, s) => n + s.ms, 0) / list.length })),
    last: windows[windows.length - 1].statements,
  }
}

const oneLine = (sql: string, width: number) => {
  const flat = sql.replace(/\s+/g, ' ').trim()
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat
}

export function printRoundTrips(r: RoundTrips, full: boolean): void {
  console.log(
    `\n${r.c.title}: ${r.statements.toFixed(1)} round trips per request; ${r.dbMs.toFixed(2)} ms of them at PostgreSQL, ${r.requestMs.toFixed(2)} ms per request end to end` +
      ` (${r.requests} requests one after another; ${Math.round(r.responseBytes)} bytes, ${r.clocks.toFixed(1)} clocks per response)`,
  )
  for (const g of r.bySql)
    console.log(
      `  ${g.perRequest.toFixed(2).padStart(5)} × ${g.meanMs.toFixed(2).padStart(6)} ms  ${full ? g.sql.replace(/\s+/g, ' ').trim() : oneLine(g.sql, 110)}`,
    )
}

/** EXPLAIN (ANALYZE, BUFFERS) of each statement but BEGIN/COMMIT, a change inside a transaction rolled back. */
export async function explainStatements(url: string, statements: Statement[]): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    for (const s of statements) {
      if (/^\s*(begin|commit|rollback)\b/i.test(s.sql)) continue
      const changes = !/^\s*select\b/i.test(s.sql)
      console.log(`\n=== ${s.sql.replace(/\s+/g, ' ').trim()}\n-- parameters: ${JSON.stringify(s.params)}`)
      if (changes) await client.query('BEGIN')
      try {
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS${changes ? ', WAL' : ''}) ${s.sql}`, s.params)
        for (const row of rows) console.log(row['QUERY PLAN'])
      } finally {
        if (changes) await client.query('ROLLBACK')
      }
    }
  } finally {
    await client.end()
  }
}
