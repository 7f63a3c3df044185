// Runs once after the test files: drops what is left of the test databases and stops the test cluster.
import { stopEmbeddedPostgres } from '../../src/db/embedded.js'
import { TEST_DATA_DIR, withAdminClient } from '../helpers/database.js'

await withAdminClient(async (client) => {
  const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'family_work_test_%'")
  for (const { datname } of rows) await client.query(`DROP DATABASE ${client.escapeIdentifier(datname)} WITH (FORCE)`)
}).catch(() => undefined)
if (!process.env.DATABASE_URL) await stopEmbeddedPostgres(TEST_DATA_DIR)
