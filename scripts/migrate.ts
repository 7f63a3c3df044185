import { createDb } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { openDatabase } from './seed/database.js'

const { url, cluster } = await openDatabase()
const db = createDb(url)
try {
  const applied = await migrateToLatest(db)
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'nothing to apply')
} finally {
  await db.destroy()
  await cluster?.stop()
}
