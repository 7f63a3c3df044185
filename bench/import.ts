/**
 * Import benchmark: generated case histories imported through POST /imports, in cases per second.
 *
 *   npm run bench:import -- [--cases 10000] [--file 1000] [--parallel 1] [--baseline 100]
 *
 * Starts the API (`node --import tsx src/server.ts`) on PORT (default 3330) on the embedded PostgreSQL in a
 * fresh temporary DATA_DIR (or DATA_DIR / DATABASE_URL when set, EMBEDDED_PG_PORT as given). It makes a
 * team and 40 practitioners, then:
 *   1. baseline: `--baseline` cases entered call by call through the API, as a case system would without
 *      the import (family, request, decision, allocation, its steps, intervention, contacts, review, end);
 *   2. the import: `--cases` generated cases (scripts/demo/cases.ts) sent in files of `--file` lines,
 *      `--parallel` files at a time (each file's lines are applied one after another);
 *   3. a re-run of the first file, which must skip every line.
 * Prints cases per second for each, and the import's rate against the baseline's. Exits with status 1 when
 * a line fails or the re-run creates anything.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { Agent, fetch as fetchWith } from 'undici'
import { generatedCase } from '../scripts/demo/cases.js'

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '10000' },
    file: { type: 'string', default: '1000' },
    baseline: { type: 'string', default: '100' },
    parallel: { type: 'string', default: '2' },
  },
})
const CASES = Number(args.cases)
const FILE = Number(args.file)
const BASELINE = Number(args.baseline)
const PARALLEL = Number(args.parallel)
const PORT = Number(process.env.PORT || 3330)
/** A file of cases takes longer than fetch's default five minutes to answer on a busy machine. */
const dispatcher = new Agent({ headersTimeout: 0, bodyTimeout: 0 })
const key = `bench_${randomBytes(24).toString('base64url')}`
const base = `http://127.0.0.1:${PORT}`
let ownDataDir: string | null = null

async function startApi(): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = {
    RATE_LIMIT_PER_MINUTE: '0',
    ...process.env,
    PORT: String(PORT),
    ADMIN_API_KEY: key,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  }
  if (!env.DATABASE_URL && !env.DATA_DIR) {
    ownDataDir = mkdtempSync(path.join(os.tmpdir(), 'fw-bench-import-'))
    chmodSync(ownDataDir, 0o755) // PostgreSQL runs as `postgres` when we are root
    env.DATA_DIR = ownDataDir
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  for (const deadline = Date.now() + 180_000; Date.now() < deadline; ) {
    if (child.exitCode !== null) break
    if (
      await fetch(`${base}/health/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return child
    await new Promise((r) => setTimeout(r, 250))
  }
  child.kill('SIGKILL')
  throw new Error(`the API did not start:\n${output}`)
}

function stopApi(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

async function call<T>(method: string, pathname: string, body: unknown, contentType = 'application/json'): Promise<T> {
  const res = await fetchWith(`${base}${pathname}`, {
    dispatcher,
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await res.text()
  if (res.status >= 300) throw new Error(`${method} ${pathname}: ${res.status} ${text.slice(0, 500)}`)
  return JSON.parse(text) as T
}
const post = <T = { id: string }>(pathname: string, body: unknown) => call<T>('POST', pathname, body)

/** One generated case entered call by call, as a case system would without the import. */
async function enterByHand(c: ReturnType<typeof generatedCase>) {
  const family = await post('/families', c.family)
  for (const { decision, allocation, ...request } of c.requests) {
    const made = await post('/service-requests', { ...request, familyId: family.id, teamId: c.family.teamId })
    await post(`/service-requests/${made.id}/decision`, decision)
    if (!allocation) continue
    const { caseDiscussion, jointVisit, intervention, ...fields } = allocation
    const allocated = await post('/allocations', { ...fields, serviceRequestId: made.id })
    await post(`/allocations/${allocated.id}/case-discussion`, caseDiscussion)
    await post(`/allocations/${allocated.id}/joint-visit`, jointVisit)
    const started = await post('/interventions', { allocationId: allocated.id, startedAt: intervention.startedAt })
    for (const contact of intervention.contacts) await post(`/interventions/${started.id}/contacts`, contact)
    for (const review of intervention.reviews) await post(`/interventions/${started.id}/reviews`, review)
    if (intervention.end) await post(`/interventions/${started.id}/end`, intervention.end)
  }
  for (const escalation of c.escalations) await post('/escalations', { ...escalation, familyId: family.id, teamId: c.family.teamId })
}

interface ImportResult {
  created: number
  skipped: number
  failed: number
  results: { line: number; outcome: string; problem: { detail: string } | null }[]
}

const rate = (cases: number, ms: number) => cases / (ms / 1000)

async function main() {
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${os.cpus().length} cores`,
  )
  const api = await startApi()
  let failed = false
  try {
    const team = await post('/teams', { name: 'Import bench team', calendarId: 'england-and-wales', standardsPreset: 'trt', caseloadCapacity: 40 })
    const practitioners: string[] = []
    for (let i = 0; i < 40; i++)
      practitioners.push((await post('/practitioners', { teamId: team.id, name: `Practitioner ${i}`, role: 'practitioner', caseloadCapacity: 40 })).id)

    let started = performance.now()
    for (let n = 0; n < BASELINE; n++) await enterByHand(generatedCase(n, team.id, practitioners, 'byhand'))
    const baselineMs = performance.now() - started
    console.log(`baseline: ${BASELINE} cases call by call in ${(baselineMs / 1000).toFixed(1)} s: ${rate(BASELINE, baselineMs).toFixed(1)} cases/s`)

    const files: string[] = []
    for (let from = 0; from < CASES; from += FILE) {
      const lines: string[] = []
      for (let n = from; n < Math.min(CASES, from + FILE); n++) lines.push(JSON.stringify(generatedCase(n, team.id, practitioners)))
      files.push(`${lines.join('\n')}\n`)
    }
    let created = 0
    started = performance.now()
    let next = 0
    const sender = async () => {
      for (let i = next++; i < files.length; i = next++) {
        const result = await call<ImportResult>('POST', '/imports', files[i], 'application/x-ndjson')
        created += result.created
        for (const r of result.results.filter((r) => r.outcome === 'failed')) {
          failed = true
          console.log(`file ${i + 1} line ${r.line}: ${r.problem?.detail}`)
        }
        const ms = performance.now() - started
        console.log(`  ${created} cases created after ${(ms / 1000).toFixed(1)} s: ${rate(created, ms).toFixed(1)} cases/s so far`)
      }
    }
    await Promise.all(Array.from({ length: PARALLEL }, sender))
    const importMs = performance.now() - started
    const importRate = rate(CASES, importMs)
    console.log(
      `import: ${CASES} cases in ${files.length} files, ${PARALLEL} at a time, in ${(importMs / 1000).toFixed(1)} s: ${importRate.toFixed(1)} cases/s (${created} created)`,
    )
    console.log(`import against the baseline: ${(importRate / rate(BASELINE, baselineMs)).toFixed(2)}x`)

    started = performance.now()
    const rerun = await call<ImportResult>('POST', '/imports', files[0], 'application/x-ndjson')
    const rerunMs = performance.now() - started
    const lines = rerun.created + rerun.skipped + rerun.failed
    console.log(
      `re-run of the first file: ${rerun.skipped} of ${lines} skipped in ${(rerunMs / 1000).toFixed(1)} s: ${rate(lines, rerunMs).toFixed(1)} cases/s`,
    )
    if (rerun.skipped !== lines) failed = true
  } finally {
    await stopApi(api)
    if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true })
  }
  if (failed) {
    console.log('FAILED: a line failed, or the re-run did not skip every line')
    process.exit(1)
  }
}

await main()
