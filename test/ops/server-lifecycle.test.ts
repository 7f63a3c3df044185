import { type ChildProcess, spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import t from 'tap'
import { stopEmbeddedPostgres } from '../../src/db/embedded.js'

// The server as `npm start` runs it, on the embedded PostgreSQL, in a data directory of its own.
const dataDir = mkdtempSync(path.join(tmpdir(), 'fw-server-'))
chmodSync(dataDir, 0o755) // run as root, PostgreSQL runs as the postgres user, who must reach it
const port = 20000 + (process.pid % 20000)
const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), EMBEDDED_PG_PORT: String(port + 1), LOG_LEVEL: 'warn' }
delete env.DATABASE_URL
delete env.ADMIN_API_KEY
const base = `http://127.0.0.1:${port}`

interface Server {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
}

async function start(): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  for (let i = 0; i < 450; i++) {
    const ready = await fetch(`${base}/health/ready`).then(
      (r) => r.status === 200,
      () => false,
    )
    if (ready) return { child, output: () => output, exited }
    if (child.exitCode !== null) break
    await new Promise((r) => setTimeout(r, 200))
  }
  child.kill('SIGKILL')
  throw new Error(`the server did not become ready:\n${output}`)
}

t.teardown(async () => {
  await stopEmbeddedPostgres(path.join(dataDir, 'pg'))
  rmSync(dataDir, { recursive: true, force: true })
})

t.test('start, graceful stop, restart with the data, recovery after SIGKILL', async (t) => {
  const first = await start()
  const key = first.output().match(/Bootstrap admin API key[^:]*: (fwk_\S+)/)?.[1]
  t.ok(key, 'the first start prints a bootstrap admin key, saying what it is')
  const created = await fetch(`${base}/teams`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Kept across restarts', calendarId: 'scotland', standardsPreset: 'trt' }),
  })
  t.equal(created.status, 201)

  first.child.kill('SIGTERM')
  t.equal(await first.exited, 0, 'SIGTERM stops it cleanly')
  t.notOk(existsSync(path.join(dataDir, 'pg', 'postmaster.pid')), 'and stops the embedded PostgreSQL')

  const second = await start()
  t.notMatch(second.output(), /Bootstrap admin API key/, 'no second bootstrap key')
  const teams = await fetch(`${base}/teams`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.json())
  t.same(
    teams.items.map((x: { name: string }) => x.name),
    ['Kept across restarts'],
    'the data survived the restart',
  )

  second.child.kill('SIGKILL')
  await second.exited
  const third = await start()
  const again = await fetch(`${base}/teams`, { headers: { authorization: `Bearer ${key}` } })
  t.equal(again.status, 200, 'a start after SIGKILL recovers the cluster and serves the data')
  third.child.kill('SIGTERM')
  t.equal(await third.exited, 0)
})
