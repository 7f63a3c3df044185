/**
 * Load with autocannon: a case's runs interleaved (bare, API, bare, API), so both sides see the same
 * machine; each side's figures come from all its runs together: req/s is its total requests over its
 * total seconds, p50 and p99 come from its runs' merged latency histograms.
 */
import autocannon from 'autocannon'
import { type Case, headersFor } from './cases.js'
import { canMeasureCpu, snapshot, used } from './cpu-time.js'
import type { Targets } from './database.js'

export interface SideFigures {
  reqPerSec: number
  p50: number
  p99: number
  /** req/s of each run, in order. */
  runs: number[]
  /** Responses other than 2xx, and connection errors or timeouts: any makes the row invalid. */
  failures: number
  statuses: Record<string, number>
  /** CPU ms per request of the server process and of PostgreSQL, when /proc can tell. */
  cpu: { server: number; postgres: number | null } | null
}

export interface CaseFigures {
  api: SideFigures
  bare: SideFigures | null
  /** The measured runs, warm-up excluded, on the monotonic clock of CPU profiles (µs). */
  window: { fromUs: number; toUs: number }
}

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n)

/** The processes whose CPU time is measured: each server, and PostgreSQL's postmaster (null: not ours). */
export interface Pids {
  api: number
  bare: number
  postgres: number | null
}

interface SideRuns {
  results: autocannon.RawResult[]
  serverMs: number
  postgresMs: number
}

export interface LoadSettings {
  connections: number
  duration: number
  warmup: number
  key: string
}

async function run(url: string, c: Case, targets: Targets, settings: LoadSettings, duration: number): Promise<autocannon.RawResult> {
  const next = c.requests(targets)
  return autocannon({
    url,
    connections: settings.connections,
    duration,
    timeout: 30,
    headers: headersFor(c, settings.key),
    requests: [{ method: c.method, setupRequest: (request) => ({ ...request, ...next() }) }],
    skipAggregateResult: true,
  })
}

function figures(url: string, side: SideRuns, connections: number, measuredCpu: boolean, measuredPostgres: boolean): SideFigures {
  const runs = side.results
  const requests = runs.reduce((n, r) => n + r.totalCompletedRequests, 0)
  const seconds = runs.reduce((n, r) => n + r.duration, 0)
  const { latency } = autocannon.aggregateResult(runs, { url, connections })
  const statuses: Record<string, number> = {}
  for (const r of runs) for (const [code, { count }] of Object.entries(r.statusCodeStats)) statuses[code] = (statuses[code] ?? 0) + count
  return {
    reqPerSec: requests / seconds,
    p50: latency.p50,
    p99: latency.p99,
    runs: runs.map((r) => r.totalCompletedRequests / r.duration),
    failures: runs.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0),
    statuses,
    cpu: measuredCpu ? { server: side.serverMs / requests, postgres: measuredPostgres ? side.postgresMs / requests : null } : null,
  }
}

/** Warms both sides up (not counted), then runs them in turn, `rounds` times each. */
export async function measureCase(
  c: Case,
  targets: Targets,
  settings: LoadSettings,
  urls: { api: string; bare: string | null },
  pids: Pids,
  rounds = 2,
): Promise<CaseFigures> {
  const api = { name: 'api' as const, url: urls.api, pid: pids.api }
  const sides = urls.bare ? [{ name: 'bare' as const, url: urls.bare, pid: pids.bare }, api] : [api]
  if (settings.warmup > 0) for (const { url } of sides) await run(url, c, targets, settings, settings.warmup)
  const measuredCpu = canMeasureCpu()
  const measuredPostgres = measuredCpu && pids.postgres !== null
  const runs: Record<'api' | 'bare', SideRuns> = { api: { results: [], serverMs: 0, postgresMs: 0 }, bare: { results: [], serverMs: 0, postgresMs: 0 } }
  const fromUs = monotonicUs()
  for (let round = 0; round < rounds; round++) {
    for (const { name, url, pid } of sides) {
      if (process.stdout.isTTY) process.stdout.write(`  ${c.id}: ${name} run ${round + 1}/${rounds} (${settings.duration} s)\r`)
      const before = measuredCpu ? { server: snapshot(pid), postgres: measuredPostgres ? snapshot(pids.postgres!, true) : null } : null
      runs[name].results.push(await run(url, c, targets, settings, settings.duration))
      if (before) {
        runs[name].serverMs += used(before.server, snapshot(pid))
        if (before.postgres) runs[name].postgresMs += used(before.postgres, snapshot(pids.postgres!, true))
      }
    }
  }
  if (process.stdout.isTTY) process.stdout.write(`${' '.repeat(60)}\r`)
  const window = { fromUs, toUs: monotonicUs() }
  return {
    window,
    api: figures(urls.api, runs.api, settings.connections, measuredCpu, measuredPostgres),
    bare: urls.bare ? figures(urls.bare, runs.bare, settings.connections, measuredCpu, measuredPostgres) : null,
  }
}
