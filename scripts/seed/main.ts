/**
 * Seeds a realistic volume of casework, for benchmarks: teams on the three built-in calendars under the
 * shipped presets, their practitioners, families, requests for service, allocations, and SLA clocks (with
 * their pauses) from 1 January 2024 to `--now`.
 *
 *   npm run seed -- [--families 100000] [--clocks-per-family 10] [--teams 8] [--seed 1] [--now 2026-01-01T00:00:00Z]
 *
 * How the clocks are made: each family's cases are scripted as domain events (a request received,
 * allocated, an intervention started, weekly contacts, audits, suspensions, escalations, ...), with the
 * time each obligation is met drawn around its standard's target: mostly on time, some late, a few never.
 * The real SLA engine (`planClockChanges`, `applyResume`) turns the events into clock starts, stops,
 * pauses, resumes and cancellations, exactly as `recordAndApply` does, and every due date, due instant and
 * due-soon instant comes from `scheduleFor` on the team's working calendar (`loadWorkingCalendar`).
 * Events after `--now` have not happened, so their clocks are still open (on track, due soon, overdue or
 * paused). The jobs' work is done too: a TRT planning clock that breaches is acted on as the service
 * does (the request is ended), and clocks that went overdue while open carry `overdue_announced_at`, so
 * a server started on the data does not announce years of backlog at once.
 * Families spread over the teams, and how many clocks a family gets is steered by a budget; both by
 * preset (`PRESET_PROFILE`), scaled so the mean budget is `--clocks-per-family`.
 *
 * Rows are written in bulk, not through HTTP: one transaction per chunk of families, one multi-row
 * `INSERT ... SELECT * FROM unnest($1::uuid[], ...)` per table, two connections taking turns while the next
 * chunk is generated; then VACUUM (ANALYZE). The event outbox stays empty, and so do the newer tables
 * (interventions, contacts, escalations, consultations): those subjects exist only as clocks' subject ids.
 *
 * Database: DATABASE_URL when set; else the embedded PostgreSQL in DATA_DIR on EMBEDDED_PG_PORT, started
 * like `src/server.ts` does (database `family_work`, migrated to the latest). It refuses a database that
 * already holds families. Deterministic for a given `--seed` and `--now` (default: today 00:00 UTC).
 *
 * Where things are: options.ts (the flags), teams.ts and families.ts (who), case-script.ts, case-steps.ts
 * and preset-cases.ts (what happens in a case), simulator.ts (the SLA engine over it), generator.ts (a
 * chunk of families), writers.ts and bulk-insert.ts (the INSERTs), populate.ts (the run), report.ts.
 */
import { openDatabase } from './database.js'
import { parseOptions, UsageError } from './options.js'
import { populate } from './populate.js'
import { rememberValidZones } from './scheduler.js'

async function main(argv: string[]): Promise<void> {
  const options = parseOptions(argv)
  rememberValidZones()
  const { url, cluster } = await openDatabase()
  try {
    await populate(options, url)
  } finally {
    await cluster?.stop()
  }
}

/** Seeds with the process's arguments; a usage mistake is reported without a stack trace, and either failure exits 1. */
export function runFromCommandLine(): void {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error instanceof UsageError ? `seed: ${error.message}` : error instanceof Error ? (error.stack ?? error.message) : error)
    process.exit(1)
  })
}
