import { randomBytes } from 'node:crypto'
import path from 'node:path'
import pg from 'pg'

/** The cluster the suite runs on: an external one from DATABASE_URL, or the embedded test cluster. */
export const TEST_PG_PORT = Number(process.env.TEST_PG_PORT ?? 54329)
/** One cluster per port: a run on another TEST_PG_PORT neither shares nor stops this one. */
export const TEST_DATA_DIR = path.resolve(`.data/test-pg-${TEST_PG_PORT}`)
/** The tap runner's pid: the before script, the test files and the after script all share it, so runs side by side keep apart. */
export const RUN_ID = process.ppid
export const DATABASE_PREFIX = 'family_work_test_'
export const TEMPLATE_DATABASE = `${DATABASE_PREFIX}${RUN_ID}_template`

/** The run a test database belongs to, from its name. */
export const runOf = (database: string) => Number(database.slice(DATABASE_PREFIX.length).split('_')[0])

export const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

export async function testDatabases(): Promise<string[]> {
  return withAdminClient(async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [DATABASE_PREFIX])
    return rows.map((r) => r.datname)
  })
}

export const dropDatabase = (name: string) =>
  withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`)).then(() => undefined)

export async function adminUrl(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL
  const { readFile } = await import('node:fs/promises')
  const { user, password } = JSON.parse(await readFile(`${TEST_DATA_DIR}.credentials.json`, 'utf8')) as { user: string; password: string }
  return `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${TEST_PG_PORT}/postgres`
}

export const urlFor = (url: string, database: string) => {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

export async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: await adminUrl() })
  client.on('error', () => {})
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** A fresh database for one test file, cloned from the migrated template (about a third of a second). */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${DATABASE_PREFIX}${RUN_ID}_${randomBytes(6).toString('hex')}`
  await withAdminClient((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`))
  return {
    url: urlFor(await adminUrl(), name),
    drop: () => dropDatabase(name),
  }
}
