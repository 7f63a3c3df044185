/** The database to seed (DATABASE_URL or the embedded PostgreSQL), bulk-load connections, and row counts of the seeded tables. */
import { existsSync, promises as fs } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { loadConfig } from '../../src/config.js'
import { type EmbeddedCluster, ensureDatabase, startEmbeddedPostgres } from '../../src/db/embedded.js'
import { EMBEDDED_DATABASE } from '../../src/db/embedded-database.js'

/** DATABASE_URL, or the embedded PostgreSQL started as the server starts it. */
export async function openDatabase(): Promise<{ url: string; cluster: EmbeddedCluster | null }> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' })
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, cluster: null }
  if (!existsSync(config.DATA_DIR)) await fs.mkdir(config.DATA_DIR, { recursive: true, mode: 0o755 })
  const cluster = await startEmbeddedPostgres({ dataDir: path.join(config.DATA_DIR, 'pg'), port: config.EMBEDDED_PG_PORT })
  await ensureDatabase(cluster.url('postgres'), EMBEDDED_DATABASE)
  return { url: cluster.url(EMBEDDED_DATABASE), cluster }
}

export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  // A bulk load: a crash loses at most the last chunks, which the refusal below makes you redo anyway.
  await client.query('SET synchronous_commit TO off')
  return client
}

export const SEEDED_TABLES = ['teams', 'practitioners', 'families', 'service_requests', 'allocations', 'sla_clocks', 'sla_clock_pauses', 'events'] as const

export async function rowCounts(client: pg.ClientBase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const table of SEEDED_TABLES) counts[table] = Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n)
  return counts
}
