// Runs once before the test files: starts the test cluster (unless DATABASE_URL is set) and migrates
// a template database that every test file of this run clones.
import { createDb } from '../../src/db/database.js'
import { startEmbeddedPostgres } from '../../src/db/embedded.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import {
  adminUrl,
  dropDatabase,
  isRunning,
  runOf,
  TEMPLATE_DATABASE,
  TEST_DATA_DIR,
  TEST_PG_PORT,
  testDatabases,
  urlFor,
  withAdminClient,
} from '../helpers/database.js'

const started = Date.now()
const running = await withAdminClient(async () => true).catch(() => false)
if (!process.env.DATABASE_URL && !running) await startEmbeddedPostgres({ dataDir: TEST_DATA_DIR, port: TEST_PG_PORT })
// Databases left by runs that died are dropped; another live run's are left alone.
for (const name of await testDatabases()) if (!isRunning(runOf(name)) || name === TEMPLATE_DATABASE) await dropDatabase(name)
await withAdminClient((client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(TEMPLATE_DATABASE)}`))
const db = createDb(urlFor(await adminUrl(), TEMPLATE_DATABASE))
await migrateToLatest(db)
await db.destroy()
console.log(`# test database ready in ${Date.now() - started} ms`)
