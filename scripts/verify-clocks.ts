// `npm run verify:clocks`: replays the recorded events through the SLA engine and compares the result with
// the stored clocks, on DATABASE_URL or the embedded database. Prints every difference; exits 1 if any.
import path from 'node:path'
import { loadConfig } from '../src/config.js'
import { createDb } from '../src/db/database.js'
import { ensureDatabase, startEmbeddedPostgres } from '../src/db/embedded.js'
import { EMBEDDED_DATABASE } from '../src/db/embedded-database.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { verifyClocks } from '../src/sla-clocks/verify-clocks.js'

const SHOWN = 50
const show = (value: unknown) => (value instanceof Date ? value.toISOString() : JSON.stringify(value))

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' })
const cluster = config.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: path.join(config.DATA_DIR, 'pg'), port: config.EMBEDDED_PG_PORT })
if (cluster) await ensureDatabase(cluster.url('postgres'), EMBEDDED_DATABASE)
const db = createDb(config.DATABASE_URL ?? cluster!.url(EMBEDDED_DATABASE))
let failed = false
try {
  await migrateToLatest(db)
  const started = performance.now()
  const result = await verifyClocks(db)
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  for (const problem of result.problems) console.log(`note: ${problem}`)
  for (const d of result.differences.slice(0, SHOWN)) console.log(`clock ${d.clockId} ${d.field}: stored ${show(d.stored)}, replayed ${show(d.replayed)}`)
  if (result.differences.length > SHOWN) console.log(`... and ${result.differences.length - SHOWN} more`)
  console.log(
    `${result.events} events replayed into ${result.replayedClocks} clocks; ${result.storedClocks} stored; ${result.differences.length} differences (${seconds} s)`,
  )
  failed = result.differences.length > 0
} finally {
  await db.destroy()
  await cluster?.stop()
}
process.exit(failed ? 1 : 0)
