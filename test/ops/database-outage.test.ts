import { type ChildProcess, spawn } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import t from 'tap'
import { ensureDatabase, startEmbeddedPostgres, stopEmbeddedPostgres } from '../../src/db/embedded.js'

// Ports of this file's own clusters and servers, beside the test cluster's.
const basePort = Number(process.env.TEST_PG_PORT ?? 54329) + 2
const adminKey = 'fwk_outage_test_admin_key_0123456789'
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fw-outage-'))
  chmodSync(dir, 0o755) // run as root, PostgreSQL runs as the postgres user, who must reach it
  return dir
}

interface Server {
  child: ChildProcess
  base: string
  output: () => string
}

async function startServer(env: NodeJS.ProcessEnv, port: number): Promise<Server> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', ADMIN_API_KEY: adminKey, ...env }
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout?.on('data', (d) => (output += d))
  child.stderr?.on('data', (d) => (output += d))
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 450; i++) {
    const ready = await fetch(`${base}/health/ready`).then(
      (r) => r.status === 200,
      () => false,
    )
    if (ready) return { child, base, output: () => output }
    if (child.exitCode !== null) break
    await sleep(200)
  }
  child.kill('SIGKILL')
  throw new Error(`the server did not become ready:\n${output}`)
}

async function stopServer(server: Server): Promise<number | null> {
  if (server.child.exitCode !== null) return server.child.exitCode
  const exited = new Promise<number | null>((resolve) => server.child.on('exit', (code) => resolve(code)))
  server.child.kill('SIGTERM')
  return exited
}

interface Outcome {
  at: number
  status: number | 'network-error'
  problem: boolean
  retryAfter: string | null
  detail?: string
}

t.test('PostgreSQL stopped and started under load: the process lives, 503 while down, full service after', async (t) => {
  const dir = tempDir()
  const pgDir = path.join(dir, 'pg')
  const cluster = await startEmbeddedPostgres({ dataDir: pgDir, port: basePort })
  t.teardown(async () => {
    await stopEmbeddedPostgres(pgDir)
    rmSync(dir, { recursive: true, force: true })
  })
  await ensureDatabase(cluster.url('postgres'), 'outage')
  const server = await startServer(
    { DATABASE_URL: cluster.url('outage'), DB_CONNECT_TIMEOUT_MS: '1000', WEBHOOK_SECRET_KEY: 'a'.repeat(64), DB_POOL_SIZE: '4' },
    basePort + 1,
  )
  t.teardown(() => stopServer(server))
  const headers = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' }

  const outcomes: Outcome[] = []
  let running = true
  let n = 0
  const worker = async () => {
    while (running) {
      const write = n++ % 3 === 0
      const at = Date.now()
      try {
        const response = write
          ? await fetch(`${server.base}/teams`, {
              method: 'POST',
              headers,
              body: JSON.stringify({ name: `Team ${n} ${Math.random()}`, calendarId: 'scotland', standardsPreset: 'trt' }),
            })
          : await fetch(`${server.base}/teams`, { headers })
        const body = await response.text()
        outcomes.push({
          at,
          status: response.status,
          problem: (response.headers.get('content-type') ?? '').startsWith('application/problem+json'),
          retryAfter: response.headers.get('retry-after'),
          detail: response.status >= 300 ? body.slice(0, 200) : undefined,
        })
      } catch {
        outcomes.push({ at, status: 'network-error', problem: false, retryAfter: null })
      }
      await sleep(25)
    }
  }
  const workers = Array.from({ length: 4 }, worker)

  await sleep(1500)
  const stoppedAt = Date.now()
  await stopEmbeddedPostgres(pgDir)
  await sleep(400)
  const readyWhileDown = await fetch(`${server.base}/health/ready`)
  await sleep(2500)
  await cluster.restart()
  const startedAt = Date.now()
  await sleep(5000)
  running = false
  await Promise.all(workers)

  const count = (pick: (o: Outcome) => boolean) => outcomes.filter(pick).length
  const statuses: Record<string, number> = {}
  for (const o of outcomes) statuses[o.status] = (statuses[o.status] ?? 0) + 1
  t.comment(`${outcomes.length} requests; statuses ${JSON.stringify(statuses)}; down ${startedAt - stoppedAt} ms`)

  t.ok(outcomes.length >= 200, `a few hundred requests (${outcomes.length})`)
  t.equal(server.child.exitCode, null, 'the process lives')
  t.equal(readyWhileDown.status, 503, '/health/ready says 503 while the database is down')
  t.equal(
    count((o) => o.status === 'network-error'),
    0,
    'no connection reset or refused',
  )
  t.same(
    outcomes.filter((o) => o.status !== 200 && o.status !== 201 && o.status !== 503),
    [],
    'only 200, 201 and 503 answers: no 500',
  )
  const unavailable = outcomes.filter((o) => o.status === 503)
  t.ok(unavailable.length > 0, 'requests during the outage got 503')
  t.ok(
    unavailable.every((o) => o.problem && o.retryAfter !== null && Number(o.retryAfter) > 0),
    'every 503 is a problem with Retry-After',
  )
  t.ok(
    unavailable.every((o) => o.at >= stoppedAt - 1000 && o.at < startedAt + 3000),
    'the 503s fall within the outage (and at most 3 s after the restart)',
  )
  const after = outcomes.filter((o) => o.at >= startedAt + 3000)
  t.ok(after.length > 20, 'requests after the restart')
  t.ok(
    after.every((o) => o.status === 200 || o.status === 201),
    'full service within 3 s of the restart, without restarting the API',
  )
  t.equal(await stopServer(server), 0, 'and it still stops cleanly')
  t.notMatch(server.output(), /uncaught|unhandled/i, 'nothing went unhandled')
})

t.test('the embedded PostgreSQL killed with SIGKILL is restarted by the server', async (t) => {
  const dir = tempDir()
  t.teardown(async () => {
    await stopEmbeddedPostgres(path.join(dir, 'pg'))
    rmSync(dir, { recursive: true, force: true })
  })
  const server = await startServer({ DATA_DIR: dir, EMBEDDED_PG_PORT: String(basePort + 2) }, basePort + 3)
  t.teardown(() => stopServer(server))
  const postmasterPid = () => Number(readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0])
  const killed = postmasterPid()
  process.kill(killed, 'SIGKILL')

  const statuses: number[] = []
  const deadline = Date.now() + 30_000
  while (statuses.at(-1) !== 200 && Date.now() < deadline) {
    await sleep(250)
    statuses.push((await fetch(`${server.base}/teams`, { headers: { authorization: `Bearer ${adminKey}` } })).status)
  }
  t.comment(`answers until it served again: ${statuses.join(' ')}`)
  t.equal(statuses.at(-1), 200, 'the API serves again without a restart of its own')
  t.same(
    statuses.filter((s) => s !== 200 && s !== 503),
    [],
    'only 503 until then',
  )
  t.not(postmasterPid(), killed, 'under a new postmaster')
  t.match(server.output(), /embedded PostgreSQL is not running; restarting it/, 'saying so in the log')
  t.equal(server.child.exitCode, null, 'the process lives')
  t.equal(await stopServer(server), 0, 'and stops cleanly')
})
