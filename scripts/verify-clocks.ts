import { createDb } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { verifyClocks } from '../src/sla-clocks/verify-clocks.js'
import { openDatabase } from './seed/database.js'

const SHOWN = 50
const show = (value: unknown) => (value instanceof Date ? value.toISOString() : JSON.stringify(value))

const { url, cluster } = await openDatabase()
const db = createDb(url)
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
