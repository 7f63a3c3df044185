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
import { CalendarCache } from '../src/calendar/index.js'
import { loadConfig } from '../src/config.js'
import { type Db, typeParsers } from '../src/db/database.js'
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
  addHistory: number
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
      'add-history': { type: 'string', default: '0' },
    },
  })
  if (values.url && !values.key) throw new Error('--url needs --key, an API key that may read breaches')
  return {
    url: values.url ?? null,
    key: values.key ?? null,
    team: values.team ?? null,
    requests: Number(values.requests),
    warmup: Number(values.warmup),
    addHistory: Number(values['add-history']),
  }
}

// ---------------------------------------------------------------------------------------------------
// The API under test
// ---------------------------------------------------------------------------------------------------

interface Api {
  url: string
  key: string
  stop: () => Promise<void>
  memory: () => string
}

/** Starts `src/server.ts` with a fresh admin key and waits until it is ready. */
async function startApi(): Promise<Api> {
  const port = Number(process.env.PORT || DEFAULT_PORT)
  const key = `bench_${randomBytes(24).toString('base64url')}`
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    // Latency of one request at a time: no rate limit, and no load shedding when the machine is busy.
    env: {
      RATE_LIMIT_PER_MINUTE: '0',
      MAX_EVENT_LOOP_DELAY_MS: '0',
      ...process.env,
      PORT: String(port),
      ADMIN_API_KEY: key,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
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
  return { url, key, stop: () => stopChild(child), memory: () => memoryOf(child.pid) }
}

/** The server process's resident memory now and at its peak (Linux), in MB. */
function memoryOf(pid: number | undefined): string {
  const status = pid === undefined ? '' : readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN)
  return `RSS ${(kb('VmRSS') / 1024).toFixed(0)} MB, peak ${(kb('VmHWM') / 1024).toFixed(0)} MB`
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

/** A year of due dates from the 15th to the 14th: whole months in the middle and a part-month at each end. */
function partMonths(): string {
  const to = new Date()
  to.setUTCDate(14)
  const from = new Date(Date.UTC(to.getUTCFullYear() - 1, to.getUTCMonth(), 15))
  return `dueFrom=${from.toISOString().slice(0, 10)}&dueTo=${to.toISOString().slice(0, 10)}`
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
// History: the stopped clocks copied into earlier years
// ---------------------------------------------------------------------------------------------------

/**
 * Adds `copies` copies of every stopped clock (met, met late, missed or cancelled), each copy 104 weeks
 * earlier than the last (whole weeks, so weekdays stay weekdays and no date is clamped to a shorter month), so the summary can be measured with years of history behind the open clocks.
 * Each run adds more: run it once on a seeded database.
 */
async function addStoppedHistory(copies: number): Promise<void> {
  const url = databaseUrl()
  if (!url) throw new Error('--add-history needs DATABASE_URL or the DATA_DIR of the seeded cluster')
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'sla_clocks' AND column_name <> 'id' ORDER BY ordinal_position`,
    )
    const columns = rows.map((r) => r.column_name)
    const started = Date.now()
    await client.query('CREATE TEMP TABLE history_source AS SELECT * FROM sla_clocks WHERE completed_at IS NOT NULL OR closed_at IS NOT NULL')
    for (let copy = 1; copy <= copies; copy++) {
      const shifted = rows.map((r) =>
        r.data_type === 'date' || r.data_type.startsWith('timestamp')
          ? `(${r.column_name} - interval '${728 * copy} days')::${r.data_type === 'date' ? 'date' : 'timestamptz'}`
          : r.column_name,
      )
      const { rowCount } = await client.query(
        `INSERT INTO sla_clocks (id, ${columns.join(', ')})
         SELECT gen_random_uuid(), ${shifted.join(', ')} FROM history_source`,
      )
      console.log(`history: copy ${copy} added ${rowCount} stopped clocks, ${104 * copy} weeks earlier`)
    }
    await client.query('ANALYZE sla_clocks')
    const total = await client.query<{ n: string }>('SELECT count(*) AS n FROM sla_clocks')
    console.log(`history: ${total.rows[0].n} clocks in all, after ${((Date.now() - started) / 1000).toFixed(0)} s`)
  } finally {
    await client.end()
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
  // The API's type parsers (dates as YYYY-MM-DD strings), which the service code expects.
  const pool = new pg.Pool({ connectionString: url, max: 1, types: typeParsers() })
  try {
    const now = new Date()
    const view = { asOf: now, calendars: new CalendarCache() }
    const list = (db: Db, filters: { teamId?: string }) => listBreaches(db, { status: 'overdue', limit: 50, ...filters }, view, now, null)
    await explain(pool, 'GET /breaches?status=overdue&limit=50', await clockQueryOf(pool, (db) => list(db, {})))
    await explain(pool, `GET /breaches?status=overdue&limit=50&teamId=${teamId}`, await clockQueryOf(pool, (db) => list(db, { teamId })))
    await explain(pool, 'GET /breaches/summary?groupBy=standard', await clockQueryOf(pool, (db) => summarise(db, { groupBy: 'standard' }, now, now, null)))
    const [dueFrom, dueTo] = partMonths()
      .split('&')
      .map((p) => p.split('=')[1])
    const byMonth = (db: Db) => summarise(db, { groupBy: 'month', dueFrom, dueTo }, now, now, null)
    await explain(pool, `GET /breaches/summary?groupBy=month&${partMonths()}`, await clockQueryOf(pool, byMonth))
  } finally {
    await pool.end()
  }
}

// ---------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2))
  const api: Api =
    options.url && options.key
      ? { url: options.url.replace(/\/$/, ''), key: options.key, stop: async () => {}, memory: () => 'not known (--url)' }
      : await startApi()
  try {
    if (options.addHistory > 0) await addStoppedHistory(options.addHistory)
    const team = options.team ? { id: options.team, label: options.team, overdue: NaN } : await busiestTeam(api)
    console.log(`API ${api.url}; team filter: ${team.label} (${team.id}${Number.isNaN(team.overdue) ? '' : `, ${team.overdue} overdue`})`)
    console.log(`${options.warmup} warm-up then ${options.requests} sequential requests each; ${loadLine()}`)
    const cases: Case[] = [
      { name: 'GET /breaches?status=overdue&limit=50', path: '/breaches?status=overdue&limit=50', targetP95Ms: 50 },
      { name: 'GET /breaches?status=overdue&limit=50&teamId=…', path: `/breaches?status=overdue&limit=50&teamId=${team.id}`, targetP95Ms: 50 },
      { name: 'GET /breaches/summary?groupBy=standard', path: '/breaches/summary?groupBy=standard', targetP95Ms: 200 },
      { name: 'GET /breaches/summary?groupBy=team', path: '/breaches/summary?groupBy=team', targetP95Ms: 200 },
      { name: 'GET /breaches/summary?groupBy=month&dueFrom&dueTo', path: `/breaches/summary?groupBy=month&${partMonths()}`, targetP95Ms: 200 },
    ]
    const results = []
    for (const c of cases) results.push({ c, stats: await measure(api, c, options) })
    printTable(results)
    console.log(`after: ${loadLine()} (other work on the machine skews the timings)`)
    console.log(`API memory after the requests: ${api.memory()}`)
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
