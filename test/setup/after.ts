// Runs once after the test files: drops this run's databases and, when no other run is using it,
// stops the embedded test cluster.
import { stopEmbeddedPostgres } from '../../src/db/embedded.js'
import { dropDatabase, isRunning, RUN_ID, runOf, TEST_DATA_DIR, testDatabases } from '../helpers/database.js'

const remaining = await testDatabases().catch(() => [])
for (const name of remaining) if (runOf(name) === RUN_ID || !isRunning(runOf(name))) await dropDatabase(name)
const othersActive = remaining.some((name) => runOf(name) !== RUN_ID && isRunning(runOf(name)))
if (!process.env.DATABASE_URL && !othersActive) await stopEmbeddedPostgres(TEST_DATA_DIR)
