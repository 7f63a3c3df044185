// `npm run migrate`: applies pending migrations to DATABASE_URL, or to the embedded database.
import path from 'node:path'
import { loadConfig } from '../src/config.js'
import { createDb } from '../src/db/database.js'
import { ensureDatabase, startEmbeddedPostgres } from '../src/db/embedded.js'
import { EMBEDDED_DATABASE } from '../src/db/embedded-database.js'
import { migrateToLatest } from '../src/db/migrate.js'

const config = loadConfig()
const cluster = config.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: path.join(config.DATA_DIR, 'pg'), port: config.EMBEDDED_PG_PORT })
if (cluster) await ensureDatabase(cluster.url('postgres'), EMBEDDED_DATABASE)
const db = createDb(config.DATABASE_URL ?? cluster!.url(EMBEDDED_DATABASE))
try {
  const applied = await migrateToLatest(db)
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'nothing to apply')
} finally {
  await db.destroy()
  await cluster?.stop()
}
