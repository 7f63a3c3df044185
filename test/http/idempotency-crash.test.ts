import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { createDb } from '../../src/db/database.js'
import { familyPayload } from '../helpers/builders.js'
import { createTestDatabase } from '../helpers/database.js'
import { until } from '../helpers/until.js'

// The server as a process of its own on this file's database, so it can be killed (SIGKILL) mid-request.
const adminKey = `fwk_${randomBytes(24).toString('hex')}`
const port = 20000 + ((process.pid + 7) % 20000)
const base = `http://127.0.0.1:${port}`

async function start(url: string): Promise<ChildProcess> {
  const env = { ...process.env, DATABASE_URL: url, PORT: String(port), ADMIN_API_KEY: adminKey, WEBHOOK_SECRET_KEY: 'b'.repeat(64), LOG_LEVEL: 'warn' }
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { env, stdio: 'ignore' })
  await until(
    () =>
      fetch(`${base}/health/ready`).then(
        (r) => r.status === 200,
        () => false,
      ),
    180_000,
  )
  return child
}

async function kill(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGKILL')
  await exited
}

const post = (path: string, body: object, key?: string) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify(body),
  })

t.test('an Idempotency-Key holds when the process is killed during the change', async (t) => {
  const database = await createTestDatabase()
  const sql = new pg.Client({ connectionString: database.url })
  await sql.connect()
  let server = await start(database.url)
  // Retries go to another instance on the same database, in this process: the killed one is gone.
  const db = createDb(database.url, { poolSize: 2 })
  const other = await buildApp(loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: database.url, RATE_LIMIT_PER_MINUTE: '0', MAX_EVENT_LOOP_DELAY_MS: '0' }), {
    db,
  })
  const retry = async (payload: object, key: string) => {
    const res = await other.inject({ method: 'POST', url: '/families', headers: { authorization: `Bearer ${adminKey}`, 'idempotency-key': key }, payload })
    return { status: res.statusCode, replayed: res.headers['idempotent-replayed'], problem: res.statusCode >= 400 ? res.json() : null }
  }
  t.teardown(async () => {
    server.kill('SIGKILL')
    await other.close()
    await db.destroy()
    await sql.end()
    await database.drop()
  })
  const team = await (await post('/teams', { name: 'Crash', calendarId: 'england-and-wales', standardsPreset: 'trt' })).json()
  const familiesWith = async (reference: string) => (await sql.query('SELECT id FROM families WHERE reference = $1', [reference])).rows
  // Holds a statement of the server's, so the process can be killed at that point of the request.
  const stall = async (table: string, when: 'INSERT' | 'UPDATE') => {
    await sql.query(`CREATE FUNCTION stall() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(120); RETURN NEW; END $$`)
    await sql.query(`CREATE TRIGGER stall BEFORE ${when} ON ${table} FOR EACH ROW EXECUTE FUNCTION stall()`)
  }
  const release = async (table: string) => {
    await sql.query(`DROP TRIGGER stall ON ${table}; DROP FUNCTION stall()`)
    // The stalled statement's session would otherwise sleep on after its client died.
    await sql.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)
  }
  const stalled = () =>
    until(async () => (await sql.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND datname = current_database()`)).rowCount === 1)

  t.test('killed before the commit: nothing was kept, and the retry makes the change once', async (t) => {
    const payload = familyPayload(team.id)
    await stall('families', 'INSERT')
    void post('/families', payload, 'crash-before-commit').catch(() => {})
    await stalled()
    const claims = await sql.query(
      `SELECT 1 FROM pg_locks l JOIN pg_stat_activity a USING (pid) WHERE l.locktype = 'advisory' AND l.granted AND a.wait_event = 'PgSleep'`,
    )
    t.equal(claims.rowCount, 1, 'the key was claimed in the change’s transaction')
    await kill(server)
    await release('families')
    t.same(await familiesWith(payload.reference), [], 'the change did not commit')
    t.equal((await sql.query(`SELECT 1 FROM idempotency_keys WHERE key = 'crash-before-commit'`)).rowCount, 0, 'nor did the key: no retry is told to wait')
    t.equal((await retry(payload, 'crash-before-commit')).status, 201, 'the retry runs')
    t.equal((await familiesWith(payload.reference)).length, 1, 'one family')
    t.equal((await retry(payload, 'crash-before-commit')).replayed, 'true', 'and from then on is replayed')
    t.equal((await familiesWith(payload.reference)).length, 1)
  })

  t.test('killed between the commit and the response: the retry does not make it again, and says what was made', async (t) => {
    server = await start(database.url)
    const payload = familyPayload(team.id)
    // Storing the response is the first statement after the commit.
    await stall('idempotency_keys', 'UPDATE')
    void post('/families', payload, 'crash-after-commit').catch(() => {})
    await stalled()
    const [family] = await familiesWith(payload.reference)
    t.ok(family, 'the change committed')
    await kill(server)
    await release('idempotency_keys')

    // A retry at once (killing and releasing above may take a while on a busy machine).
    await sql.query(`UPDATE idempotency_keys SET created_at = now() WHERE key = 'crash-after-commit'`)
    const soon = await retry(payload, 'crash-after-commit')
    t.equal(soon.status, 409)
    t.equal(soon.problem.type, '/problems/idempotency-key-in-flight', 'at first the response may still be on its way')
    // A minute later the first request is known to have died with its response.
    await sql.query(`UPDATE idempotency_keys SET created_at = created_at - interval '2 minutes' WHERE key = 'crash-after-commit'`)
    const later = await retry(payload, 'crash-after-commit')
    t.equal(later.status, 409)
    const problem = later.problem
    t.equal(problem.type, '/problems/idempotency-key-response-lost')
    t.match(problem.detail, `family.created (family ${family.id})`, 'naming the family it made')
    t.equal((await familiesWith(payload.reference)).length, 1, 'still one family')
  })
})
