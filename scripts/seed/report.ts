/** Console reporting: elapsed time, number formatting, the clock status mix and the row counts. */
import type pg from 'pg'
import { STATUSES, type Tally } from './clock-records.js'
import { rowCounts } from './database.js'

export const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`
export const fmt = (n: number) => n.toLocaleString('en-GB')

export function printTally(tally: Tally): void {
  const total = Object.values(tally).reduce((a, b) => a + b, 0)
  console.log('clock status mix as of --now:')
  for (const status of STATUSES)
    console.log(`  ${status.padEnd(10)} ${fmt(tally[status]).padStart(10)}  ${((100 * tally[status]) / total).toFixed(1).padStart(5)} %`)
}

/** The row count of each seeded table. */
export async function printRowCounts(client: pg.ClientBase): Promise<void> {
  console.log('rows:')
  for (const [table, n] of Object.entries(await rowCounts(client))) console.log(`  ${table.padEnd(17)} ${fmt(n).padStart(11)}`)
}
