// `npm run import:bank-holidays -- <bank-holidays.json>`: loads an official GOV.UK file into the
// database (DATABASE_URL, or the embedded one) and prints what changed per division.
import { readFileSync } from 'node:fs'
import { userInfo } from 'node:os'
import path from 'node:path'
import { CalendarCache } from '../src/calendar/index.js'
import { importBankHolidays } from '../src/calendars/bank-holiday-import.service.js'
import { systemContext } from '../src/context.js'
import { createDb } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { ProblemError } from '../src/http/problems.js'
import { openDatabase } from './seed/database.js'

const file = process.argv[2]
if (!file) {
  console.error('usage: npm run import:bank-holidays -- <bank-holidays.json>')
  process.exit(2)
}
let json: unknown
try {
  json = JSON.parse(readFileSync(file, 'utf8'))
} catch (error) {
  console.error(`${file} is not readable JSON: ${(error as Error).message}`)
  process.exit(2)
}

const { url, cluster } = await openDatabase()
const db = createDb(url)
let exitCode = 0
try {
  await migrateToLatest(db)
  const ctx = { ...systemContext(new Date(), `cli-${Date.now()}`, `cli:${userInfo().username}`), calendars: new CalendarCache() }
  const result = await importBankHolidays(db, ctx, json, `cli:${path.basename(file)}`)
  for (const [division, { added, removed }] of Object.entries(result.changes)) {
    console.log(`${division}: ${added.length} added, ${removed.length} removed`)
    for (const h of added) console.log(`  + ${h.date} ${h.title}`)
    for (const h of removed) console.log(`  - ${h.date} ${h.title}`)
  }
  console.log(`years covered: ${result.coveredYears.join(', ')}; calendars updated: ${result.calendarsUpdated.join(', ') || 'none'}`)
} catch (error) {
  if (!(error instanceof ProblemError)) throw error
  console.error(error.detail)
  exitCode = 1
} finally {
  await db.destroy()
  await cluster?.stop()
}
process.exit(exitCode)
