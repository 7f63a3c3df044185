/**
 * Breach endpoints benchmark: latency of the breach list and summary over HTTP, against their targets,
 * and the query plan of the list's SQL.
 *
 *   npm run bench:breaches -- [--url http://127.0.0.1:3300 --key <admin key>] [--team <team id>] [--requests 100] [--warmup 10]
 *
 * Without --url it starts the API itself (`node --import tsx src/server.ts`) on PORT (default 3300) with
 * the environment's DATA_DIR / EMBEDDED_PG_PORT / DATABASE_URL (the ones `npm run seed` used) and a fresh
 * ADMIN_API_KEY, waits for /health/ready, and stops it at the end. Each request is sent `--warmup` times,
 * then `--requests` times one after another, timed from sending to the last byte of the body:
 *   - GET /breaches?status=overdue&limit=50                 (target p95 <= 50 ms)
 *   - GET /breaches?status=overdue&limit=50&teamId=<team>   (target p95 <= 50 ms; the team with most overdue clocks unless --team)
 *   - GET /breaches/summary?groupBy=standard                (target p95 <= 500 ms)
 * Then it runs the endpoints' own service code once on a connection that records the SQL, and prints
 * EXPLAIN (ANALYZE, BUFFERS) of the list query (without and with the team filter) and of the summary
 * query. The database is DATABASE_URL, else the embedded cluster in DATA_DIR (its credentials file).
 * Exits with status 1 if a target is missed.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { CamelCasePlugin, type CompiledQuery, Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { listBreaches, summarise } from '../src/breaches/breach.service.js'
import { loadConfig } from '../src/config.js'
// Imported for its side effect too: the pg type parsers the API uses (dates as YYYY-MM-DD strings).
import type { Db } from '../src/db/database.js'
import '../src/db/database.js'
import { CalendarCache } from '../src/calendar/index.js'
import { EMBEDDED_DATABASE } from '../src/db/embedded-database.js'
import type { Database } from '../src/db/schema.js'

const DEFAULT_PORT = 3300
const READY_TIMEOUT_MS = 180_000

interface Options {
  url: string | null
  key: string | null
  team: string | null
  requests: number
  warmup: number
}

interface Case {
  name: string
  path: string
  targetP95Ms: number
}

interface Stats {
  p50: number
  p95: number
  p99: number
  max: number
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      key: { type: 'string' },
      team: { type: 'string' },
      requests: { type: 'string', default: '100' },
      warmup: { type: 'string', default: '10' },
    },
  })
  if (values.url && !values.key) throw new Error('--url needs --key, an API key that may read breaches')
  return { url: values.url ?? null, key: values.key ?? null, team: values.team ?? null, requests: Number(values.requests), warmup: Number(values.warmup) }
}

// ---------------------------------------------------------------------------------------------------
// The API under test
// ---------------------------------------------------------------------------------------------------

interface Api {
  url: string
  key: string
  stop: () => Promise<void>
}

/** Starts `src/server.ts` with a fresh admin key and waits until it is ready. */
async function startApi(): Promise<Api> {
  const port = Number(process.env.PORT || DEFAULT_PORT)
  const key = `bench_${randomBytes(24).toString('base64url')}`
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { RATE_LIMIT_PER_MINUTE: '0', ...process.env, PORT: String(port), ADMIN_API_KEY: key, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const url = `http://127.0.0.1:${port}`
  try {
    await waitUntilReady(url, child)
  } catch (error) {
    child.kill('SIGTERM')
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`)
  }
  return { url, key, stop: () => stopChild(child) }
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with status ${child.exitCode}`)
    try {
      if ((await fetch(`${url}/health/ready`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`the server was not ready within ${READY_TIMEOUT_MS / 1000} s`)
}

/** SIGTERM (the server closes, then stops its embedded PostgreSQL), SIGKILL after 30 s. */
function stopChild(child: ChildProcess): Promise<void> {
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

async function getJson<T>(api: Api, pathAndQuery: string): Promise<T> {
  const response = await fetch(`${api.url}${pathAndQuery}`, { headers: { authorization: `Bearer ${api.key}` } })
  const body = await response.text()
  if (!response.ok) throw new Error(`GET ${pathAndQuery}: ${response.status} ${body.slice(0, 500)}`)
  return JSON.parse(body) as T
}

/** The team with the most overdue clocks: the heaviest team-filtered list. */
async function busiestTeam(api: Api): Promise<{ id: string; label: string; overdue: number }> {
  const summary = await getJson<{ items: { key: string | null; label?: string | null; overdue: number }[] }>(api, '/breaches/summary?groupBy=team')
  const top = summary.items.filter((i) => i.key).sort((a, b) => b.overdue - a.overdue)[0]
  if (!top?.key) throw new Error('no team has breaches: seed the database first (npm run seed)')
  return { id: top.key, label: top.label ?? top.key, overdue: top.overdue }
}

// ---------------------------------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------------------------------

/** One request, timed from sending to the last byte of the body. */
async function timedGet(api: Api, pathAndQuery: string): Promise<number> {
  const started = performance.now()
  const response = await fetch(`${api.url}${pathAndQuery}`, { headers: { authorization: `Bearer ${api.key}` } })
  const body = await response.text()
  const elapsed = performance.now() - started
  if (!response.ok) throw new Error(`GET ${pathAndQuery}: ${response.status} ${body.slice(0, 500)}`)
  return elapsed
}

/** Nearest-rank percentile of sorted samples. */
const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]

async function measure(api: Api, c: Case, options: Options): Promise<Stats> {
  for (let i = 0; i < options.warmup; i++) await timedGet(api, c.path)
  const samples: number[] = []
  for (let i = 0; i < options.requests; i++) samples.push(await timedGet(api, c.path))
  samples.sort((a, b) => a - b)
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99), max: samples[samples.length - 1] }
}

const loadLine = () =>
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${os.cpus().length} CPUs`

function printTable(rows: { c: Case; stats: Stats }[]): void {
  const ms = (n: number) => n.toFixed(1).padStart(8)
  const width = Math.max(...rows.map((r) => r.c.name.length))
  console.log(`\n${'request'.padEnd(width)}   p50 ms   p95 ms   p99 ms   max ms   target p95   result`)
  for (const { c, stats } of rows) {
    const pass = stats.p95 <= c.targetP95Ms
    const verdict = pass ? 'pass' : `FAIL (+${(stats.p95 - c.targetP95Ms).toFixed(1)} ms)`
    console.log(
      `${c.name.padEnd(width)} ${ms(stats.p50)} ${ms(stats.p95)} ${ms(stats.p99)} ${ms(stats.max)}   <= ${String(c.targetP95Ms).padStart(4)} ms   ${verdict}`,
    )
  }
}

// ---------------------------------------------------------------------------------------------------
// Query plans: the SQL the endpoints' service code runs, recorded, then explained
// ---------------------------------------------------------------------------------------------------

/** DATABASE_URL, or the embedded cluster in DATA_DIR (as src/db/embedded.ts keeps its credentials). */
function databaseUrl(): string | null {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' })
  if (config.DATABASE_URL) return config.DATABASE_URL
  const dataDir = path.resolve(config.DATA_DIR, 'pg')
  const credentialsFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.credentials.json`)
  if (!existsSync(credentialsFile)) return null
  const { user, password } = JSON.parse(readFileSync(credentialsFile, 'utf8')) as { user: string; password: string }
  return `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${config.EMBEDDED_PG_PORT}/${EMBEDDED_DATABASE}`
}

/** A Kysely like the API's (CamelCasePlugin) that remembers every query it runs. */
function recordingDb(pool: pg.Pool): { db: Db; queries: CompiledQuery[] } {
  const queries: CompiledQuery[] = []
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
    log: (event) => {
      if (event.level === 'query') queries.push(event.query)
    },
  })
  return { db, queries }
}

/** The query on sla_clocks among those `run` makes: the one to explain. */
async function clockQueryOf(pool: pg.Pool, run: (db: Db) => Promise<unknown>): Promise<CompiledQuery> {
  const { db, queries } = recordingDb(pool)
  await run(db)
  const query = queries.find((q) => /from "sla_clocks"/i.test(q.sql))
  if (!query) throw new Error(`no query on sla_clocks among: ${queries.map((q) => q.sql).join('\n')}`)
  return query
}

async function explain(pool: pg.Pool, title: string, query: CompiledQuery): Promise<void> {
  const { rows } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.parameters as unknown[])
  console.log(`\n=== ${title}\n${query.sql}\n-- parameters: ${JSON.stringify(query.parameters)}\n`)
  for (const row of rows) console.log(row['QUERY PLAN'])
}

async function printPlans(teamId: string): Promise<void> {
  const url = databaseUrl()
  if (!url) {
    console.log('\n(no DATABASE_URL and no embedded cluster credentials in DATA_DIR: plans skipped)')
    return
  }
  const pool = new pg.Pool({ connectionString: url, max: 1 })
  try {
    const now = new Date()
    const view = { asOf: now, calendars: new CalendarCache() }
    const list = (db: Db, filters: { teamId?: string }) => listBreaches(db, { status: 'overdue', limit: 50, ...filters }, view, now, null)
    await explain(pool, 'GET /breaches?status=overdue&limit=50', await clockQueryOf(pool, (db) => list(db, {})))
    await explain(pool, `GET /breaches?status=overdue&limit=50&teamId=${teamId}`, await clockQueryOf(pool, (db) => list(db, { teamId })))
    await explain(pool, 'GET /breaches/summary?groupBy=standard', await clockQueryOf(pool, (db) => summarise(db, { groupBy: 'standard' }, now, now, null)))
  } finally {
    await pool.end()
  }
}

// ---------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2))
  const api: Api = options.url && options.key ? { url: options.url.replace(/\/$/, ''), key: options.key, stop: async () => {} } : await startApi()
  try {
    const team = options.team ? { id: options.team, label: options.team, overdue: NaN } : await busiestTeam(api)
    console.log(`API ${api.url}; team filter: ${team.label} (${team.id}${Number.isNaN(team.overdue) ? '' : `, ${team.overdue} overdue`})`)
    console.log(`${options.warmup} warm-up then ${options.requests} sequential requests each; ${loadLine()}`)
    const cases: Case[] = [
      { name: 'GET /breaches?status=overdue&limit=50', path: '/breaches?status=overdue&limit=50', targetP95Ms: 50 },
      { name: 'GET /breaches?status=overdue&limit=50&teamId=…', path: `/breaches?status=overdue&limit=50&teamId=${team.id}`, targetP95Ms: 50 },
      { name: 'GET /breaches/summary?groupBy=standard', path: '/breaches/summary?groupBy=standard', targetP95Ms: 500 },
    ]
    const results = []
    for (const c of cases) results.push({ c, stats: await measure(api, c, options) })
    printTable(results)
    console.log(`after: ${loadLine()} (other work on the machine skews the timings)`)
    if (results.some((r) => r.stats.p95 > r.c.targetP95Ms)) process.exitCode = 1
    await printPlans(team.id)
  } finally {
    await api.stop()
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error)
  process.exit(1)
})
