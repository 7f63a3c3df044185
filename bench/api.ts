/**
 * `npm run bench:api`: the API's throughput as a ratio of a bare Fastify + pg server's on the same rows
 * of the same database, measured side by side in one run; exits 1 when a ratio is under its goal.
 * See bench/README.md ("bench:api") for what it does and the options.
 */
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { CASES, type Case, hasBaseline, headersFor } from './api/cases.js'
import { type BenchDatabase, createIntegrationKey, findTargets, openDatabase, seedIfEmpty, type Targets } from './api/database.js'
import { type LoadSettings, measureCase } from './api/load.js'
import { describeMachine, type Options, parseOptions, UsageError } from './api/options.js'
import { countRoundTrips, explainStatements, printRoundTrips } from './api/round-trips.js'
import { apiSpec, baselineSpec, floorSpec, type Server, startServer } from './api/servers.js'
import { printCpu, printRuns, printTable, type Row, verdict } from './api/table.js'
import { WireTap } from './api/wire-tap.js'
import { printSummary, readProfile, summarise } from './cpuprofile-top.js'

/** Functions the summary reports by name: the places the slow requests were expected to spend time. */
const PLACES_OF_INTEREST =
  /src\/audit\/|authenticate|workingCalendars|viewClocks|slaBlocksFor|present(Families|ServiceRequests)|createFamily|recordEvents|swagger|^(parse|stringify) |pino|sonic-boom|writev|\(garbage/

/** One request to each side before measuring: a case that fails is a broken bench, not a slow API. */
async function check(c: Case, targets: Targets, key: string, url: string): Promise<void> {
  const { path: p, body } = c.requests(targets)()
  const response = await fetch(`${url}${p}`, { method: c.method, headers: headersFor(c, key), body })
  if (!response.ok) throw new Error(`${c.method} ${url}${p}: ${response.status} ${(await response.text()).slice(0, 300)}`)
  await response.arrayBuffer()
}

/** The main thread's profile: `CPU.<date>.<time>.<pid>.<thread id>.<n>.cpuprofile`, thread 0 (tsx's loader runs on another). */
async function profileFileIn(dir: string): Promise<string> {
  const files = (await readdir(dir)).filter((f) => /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(f))
  if (files.length !== 1) throw new Error(`expected one main-thread .cpuprofile in ${dir}, found ${files.length}`)
  return path.join(dir, files[0])
}

async function measureAll(options: Options, cases: Case[], targets: Targets, key: string, database: BenchDatabase, logDir: string): Promise<Row[]> {
  const databaseUrl = database.url
  const settings: LoadSettings = { connections: options.connections, duration: options.duration, warmup: options.warmup, key }
  const bare = await startServer(baselineSpec({ port: options.apiPort + 1, databaseUrl, logDir }))
  const startApi = (cpuProfileDir?: string) =>
    startServer(apiSpec({ dir: options.apiDir, port: options.apiPort, databaseUrl, logLevel: options.apiLogLevel, logDir, cpuProfileDir }))
  const rows: Row[] = []
  let shared: Server | null = null
  let floor: Server | null = null
  try {
    if (cases.some((c) => c.onFloor)) floor = await startServer(floorSpec({ port: options.apiPort + 3, databaseUrl, logDir }))
    if (!options.profile && cases.some((c) => !c.onFloor)) shared = await startApi()
    for (const c of cases) {
      if (c.onFloor && floor) {
        await check(c, targets, key, floor.url)
        await check(c, targets, key, bare.url)
        const pids = { api: floor.pid, bare: bare.pid, postgres: database.postmasterPid }
        rows.push({ c, figures: await measureCase(c, targets, settings, { api: floor.url, bare: bare.url }, pids) })
        continue
      }
      const profileDir = path.join(options.profileDir, c.id)
      if (options.profile) {
        await rm(profileDir, { recursive: true, force: true })
        await mkdir(profileDir, { recursive: true })
      }
      const api = shared ?? (await startApi(profileDir))
      try {
        await check(c, targets, key, api.url)
        if (hasBaseline(c)) await check(c, targets, key, bare.url)
        const pids = { api: api.pid, bare: bare.pid, postgres: database.postmasterPid }
        rows.push({ c, figures: await measureCase(c, targets, settings, { api: api.url, bare: hasBaseline(c) ? bare.url : null }, pids) })
      } finally {
        if (!shared) await api.stop()
      }
      if (options.profile) {
        const file = path.relative(process.cwd(), await profileFileIn(profileDir))
        const { window } = rows[rows.length - 1].figures
        console.log(`\n--- CPU profile of the API during the measured runs of ${c.id} (warm-up and start left out); to repeat:`)
        console.log(`    node --import tsx bench/cpuprofile-top.ts ${file} --from ${window.fromUs} --to ${window.toUs}`)
        printSummary(summarise(readProfile(file), window), { top: 15, match: PLACES_OF_INTEREST })
      }
    }
  } finally {
    await shared?.stop()
    await floor?.stop()
    await bare.stop()
  }
  return rows
}

async function roundTrips(options: Options, cases: Case[], targets: Targets, key: string, databaseUrl: string, logDir: string): Promise<void> {
  const target = new URL(databaseUrl)
  const tap = new WireTap({ host: target.hostname, port: Number(target.port || 5432) })
  await tap.start()
  const tapped = new URL(databaseUrl)
  tapped.hostname = '127.0.0.1'
  tapped.port = String(tap.port)
  const api = await startServer(
    apiSpec({ dir: options.apiDir, port: options.apiPort + 2, databaseUrl: tapped.toString(), logLevel: options.apiLogLevel, logDir }),
  )
  try {
    console.log('\nSQL round trips per request (an API whose pool goes through a recording proxy; "n × ms": times per request × mean time at PostgreSQL):')
    for (const c of cases) {
      const result = await countRoundTrips(c, targets, key, api.url, tap)
      printRoundTrips(result, options.explain)
      if (options.explain && c.method === 'GET') {
        console.log(`\nEXPLAIN ANALYZE of the statements of one ${c.title}:`)
        await explainStatements(databaseUrl, result.last)
      }
    }
  } finally {
    await api.stop()
    await tap.close()
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env)
  const cases = CASES.filter((c) => options.only.includes(c.id))
  const database = await openDatabase(options, process.env)
  const logDir = await mkdtemp(path.join(os.tmpdir(), 'bench-api-logs-'))
  try {
    await seedIfEmpty(database.url, options.families)
    const key = await createIntegrationKey(database.url)
    const targets = await findTargets(database.url)
    console.log(
      `\nbench:api on ${describeMachine()}, Node ${process.version}; autocannon ${options.connections} connections,` +
        ` ${options.warmup} s warm-up then bare, API, bare, API runs of ${options.duration} s each; API log level ${options.apiLogLevel}${options.profile ? '; API under --cpu-prof' : ''}` +
        `${options.apiDir === process.cwd() ? '' : `; API from ${options.apiDir}`}`,
    )
    console.log(`servers' output: ${logDir}`)
    const rows = await measureAll(options, cases, targets, key, database, logDir)
    console.log(
      `\nreq/s: each side's total requests over its total seconds; ratio: API req/s / bare req/s; p50/p99: both runs' latencies merged. After: ${describeMachine()}\n`,
    )
    printTable(rows)
    printCpu(rows)
    printRuns(rows)
    const measured = cases.filter((c) => c.goal !== null)
    if (measured.length > 0) await roundTrips(options, measured, targets, key, database.url, logDir)
    if (rows.some((row) => verdict(row).pass === false)) process.exitCode = 1
  } finally {
    await database.close()
  }
}

main().catch((error) => {
  console.error(error instanceof UsageError ? error.message : error instanceof Error ? (error.stack ?? error.message) : error)
  process.exit(error instanceof UsageError ? 2 : 1)
})
