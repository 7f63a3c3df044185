import { type Insertable, type Kysely, sql } from 'kysely'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema.js'
import type { ImportStatus, ImportsTable } from '../db/tables/import.table.js'
import type { ImportLineResult } from './import.schemas.js'

/** The import's own columns, without the file. */
const columns = [
  'id',
  'status',
  'dryRun',
  'totalLines',
  'teamId',
  'actingUser',
  'requestId',
  'problem',
  'startedAt',
  'finishedAt',
  'createdAt',
  'createdByKeyId',
  'createdByRole',
] as const

export const insertImport = (db: Db, row: Omit<Insertable<ImportsTable>, 'updatedAt'>) =>
  db
    .insertInto('imports')
    .values({ ...row, updatedAt: row.createdAt })
    .returning(columns)
    .executeTakeFirstOrThrow()

/** The import, if `teamId` (the reader's team, null for every team) may see it. */
export function findImportById(db: Db, id: string, teamId: string | null) {
  let query = db.selectFrom('imports').select(columns).where('id', '=', id)
  if (teamId !== null) query = query.where('teamId', '=', teamId)
  return query.executeTakeFirst()
}

/** The file and what the worker needs to apply it. */
export const findImportToRun = (db: Db, id: string) =>
  db
    .selectFrom('imports')
    .select([...columns, 'body'])
    .where('id', '=', id)
    .executeTakeFirst()

/** Newest first (ids are time-ordered), one row more than `limit` when there is a next page. */
export function findImportPage(db: Db, options: { teamId: string | null; limit: number; before: string | null }) {
  let query = db
    .selectFrom('imports')
    .select(columns)
    .orderBy('id', 'desc')
    .limit(options.limit + 1)
  if (options.teamId !== null) query = query.where('teamId', '=', options.teamId)
  if (options.before) query = query.where('id', '<', options.before)
  return query.execute()
}

export const findUnfinishedImportIds = (db: Db) => db.selectFrom('imports').select('id').where('status', 'in', ['queued', 'running']).orderBy('id').execute()

export const updateImportStatus = (
  db: Kysely<Database>,
  id: string,
  change: { status: ImportStatus; startedAt?: Date; finishedAt?: Date; problem?: Record<string, unknown> },
  now: Date,
) =>
  db
    .updateTable('imports')
    .set({
      status: change.status,
      updatedAt: now,
      // A finished import needs its file no more: the cases are in their records, and a file sent again skips them.
      ...(change.status === 'completed' || change.status === 'failed' ? { body: null } : {}),
      ...(change.startedAt ? { startedAt: change.startedAt } : {}),
      ...(change.finishedAt ? { finishedAt: change.finishedAt } : {}),
      ...(change.problem ? { problem: JSON.stringify(change.problem) } : {}),
    })
    .where('id', '=', id)
    .execute()

/** Written in the line's own transaction when its case committed, so a line has a result exactly when it is done. */
export const insertImportResult = (db: Kysely<Database>, importId: string, result: ImportLineResult) =>
  db
    .insertInto('importResults')
    .values({
      importId,
      line: result.line,
      outcome: result.outcome,
      familyId: result.familyId,
      created: JSON.stringify(result.created),
      problem: result.problem ? JSON.stringify(result.problem) : null,
    })
    .execute()

export async function findDoneLines(db: Db, importId: string): Promise<Set<number>> {
  const rows = await db.selectFrom('importResults').select('line').where('importId', '=', importId).execute()
  return new Set(rows.map((r) => r.line))
}

/** Lines done so far, by outcome. */
export async function countImportResults(db: Kysely<Database>, importIds: string[]) {
  if (importIds.length === 0) return new Map<string, Record<ImportLineResult['outcome'], number>>()
  const rows = await db
    .selectFrom('importResults')
    .select(['importId', 'outcome', sql<number>`count(*)::int`.as('count')])
    .where('importId', 'in', importIds)
    .groupBy(['importId', 'outcome'])
    .execute()
  const counts = new Map<string, Record<ImportLineResult['outcome'], number>>()
  for (const row of rows) {
    const of = counts.get(row.importId) ?? { created: 0, skipped: 0, failed: 0 }
    of[row.outcome] = row.count
    counts.set(row.importId, of)
  }
  return counts
}

/** Results in line order after line `after`, one row more than `limit` when there is a next page. */
export const findImportResults = (db: Db, importId: string, after: number, limit: number) =>
  db
    .selectFrom('importResults')
    .select(['line', 'outcome', 'familyId', 'created', 'problem'])
    .where('importId', '=', importId)
    .where('line', '>', after)
    .orderBy('line')
    .limit(limit + 1)
    .execute()

/**
 * Takes the import for this connection's session, or false when another worker has it. The lock is a
 * session's: it goes with the connection, so a worker that dies leaves the import to the next.
 */
export async function tryLockImport(conn: Kysely<Database>, id: string): Promise<boolean> {
  const { rows } = await sql<{ locked: boolean }>`SELECT pg_try_advisory_lock(hashtextextended(${`import:${id}`}, 0)) AS locked`.execute(conn)
  return rows[0]?.locked === true
}

export async function unlockImport(conn: Kysely<Database>, id: string): Promise<void> {
  await sql`SELECT pg_advisory_unlock(hashtextextended(${`import:${id}`}, 0))`.execute(conn)
}
