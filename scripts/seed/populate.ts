/**
 * Fills an empty, migrated database: the teams and practitioners, then families a chunk at a time (each
 * chunk in its own transaction, two connections taking turns while the next chunk is generated), then
 * VACUUM (ANALYZE) and a report of the clock status mix and row counts.
 */
import { createDb } from '../../src/db/database.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { connect, SEEDED_TABLES } from './database.js'
import { Generator } from './generator.js'
import { type Options, UsageError } from './options.js'
import { Random } from './random.js'
import { fmt, printRowCounts, printTally, seconds } from './report.js'
import { buildTeams } from './teams.js'
import { writeChunk, writeTeams } from './writers.js'

const FAMILIES_PER_CHUNK = 1_000

export async function populate(options: Options, url: string): Promise<void> {
  const started = performance.now()
  const db = createDb(url, { poolSize: 2 })
  const clients = [await connect(url), await connect(url)]
  try {
    await migrateToLatest(db)
    const existing = Number((await clients[0].query('SELECT count(*) AS n FROM families')).rows[0].n)
    if (existing > 0) throw new UsageError(`the database already holds ${fmt(existing)} families; seed an empty one (a fresh DATA_DIR or database)`)
    const rng = new Random(options.seed)
    const teams = await buildTeams(rng, db, options)
    await writeTeams(clients[0], teams)
    console.log(
      `${teams.length} teams, ${fmt(teams.reduce((n, t) => n + t.practitioners.length, 0))} practitioners; generating ${fmt(options.families)} families up to ${options.now.toISOString()}`,
    )

    const generator = new Generator(rng, teams, options)
    const inFlight: Promise<void>[] = []
    let clocks = 0
    for (let from = 0, n = 0; from < options.families; from += FAMILIES_PER_CHUNK, n++) {
      const chunk = await generator.chunk(from, Math.min(options.families, from + FAMILIES_PER_CHUNK))
      clocks += chunk.clocks.length
      if (inFlight.length === clients.length) await inFlight.shift()
      inFlight.push(writeChunk(clients[n % clients.length], chunk))
      if (n % 10 === 9 || from + FAMILIES_PER_CHUNK >= options.families) {
        console.log(
          `  families ${fmt(Math.min(options.families, from + FAMILIES_PER_CHUNK)).padStart(9)} · clocks ${fmt(clocks).padStart(11)} · ${seconds(started)}`,
        )
      }
    }
    await Promise.all(inFlight)
    console.log(`inserted in ${seconds(started)}; VACUUM (ANALYZE) ...`)
    await clients[0].query(`VACUUM (ANALYZE) ${SEEDED_TABLES.filter((t) => t !== 'events').join(', ')}`)
    await clients[0].query('ANALYZE')
    printTally(generator.tally)
    await printRowCounts(clients[0])
    console.log(`done in ${seconds(started)}`)
  } finally {
    await Promise.all(clients.map((c) => c.end()))
    await db.destroy()
  }
}
