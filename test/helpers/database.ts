import { randomBytes } from 'node:crypto'
import path from 'node:path'
import pg from 'pg'

/** The cluster the suite runs on: an external one from DATABASE_URL, or the embedded test cluster. */
export const TEST_DATA_DIR = path.resolve('.data/test-pg')
export const TEST_PG_PORT = Number(process.env.TEST_PG_PORT ?? 54329)
export const TEMPLATE_DATABASE = 'family_work_test_template'

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
  const name = `family_work_test_${randomBytes(6).toString('hex')}`
  await withAdminClient((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`))
  return {
    url: urlFor(await adminUrl(), name),
    drop: () => withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  }
}
