// Runs once before the test files: starts the test cluster (unless DATABASE_URL is set) and migrates
// a template database that every test file clones.
import { createDb } from '../../src/db/database.js'
import { startEmbeddedPostgres } from '../../src/db/embedded.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { TEMPLATE_DATABASE, TEST_DATA_DIR, TEST_PG_PORT, adminUrl, urlFor, withAdminClient } from '../helpers/database.js'

const started = Date.now()
if (!process.env.DATABASE_URL) await startEmbeddedPostgres({ dataDir: TEST_DATA_DIR, port: TEST_PG_PORT })
await withAdminClient(async (client) => {
  const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'family_work_test_%'")
  for (const { datname } of rows) await client.query(`DROP DATABASE ${client.escapeIdentifier(datname)} WITH (FORCE)`)
  await client.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`)
})
const db = createDb(urlFor(await adminUrl(), TEMPLATE_DATABASE))
await migrateToLatest(db)
await db.destroy()
console.log(`# test database ready in ${Date.now() - started} ms`)
