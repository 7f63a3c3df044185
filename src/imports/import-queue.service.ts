import { v7 as uuidv7 } from 'uuid'
import type { Caller, ChangeContext } from '../context.js'
import type { Db } from '../db/database.js'
import type { ImportRow } from '../db/tables/import.table.js'
import { executeSqlIn, runInTransaction } from '../db/transaction.js'
import { decodeCursor, encodeCursor, toPage } from '../http/pagination.js'
import { notFound } from '../http/problems.js'
import { countImportResults, findImportById, findImportPage, findImportResults, insertImport } from './import.repository.js'
import type { ImportLineResult } from './import.schemas.js'
import { linesOf } from './import.service.js'
import type { Import, ImportSummary } from './import-status.schemas.js'

type Counts = Record<ImportLineResult['outcome'], number>
const NO_COUNTS: Counts = { created: 0, skipped: 0, failed: 0 }

function summaryOf(row: Omit<ImportRow, 'body' | 'updatedAt'>, counts: Counts = NO_COUNTS): ImportSummary {
  return {
    id: row.id,
    status: row.status,
    dryRun: row.dryRun,
    lines: row.totalLines,
    linesDone: counts.created + counts.skipped + counts.failed,
    ...counts,
    problem: (row.problem as ImportSummary['problem']) ?? null,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  }
}

/**
 * Stores the file and asks the job queue to apply it; the answer is the import as it stands, queued. The
 * import runs with the sender's authority, and is seen by whoever may see what the sender may.
 */
export async function queueImport(db: Db, ctx: ChangeContext, body: string, dryRun: boolean): Promise<Import> {
  const id = uuidv7()
  const row = await runInTransaction(db, async (trx) => {
    const row = await insertImport(trx, {
      id,
      dryRun,
      totalLines: linesOf(body).length,
      body,
      teamId: ctx.caller.teamId,
      actingUser: ctx.caller.actingUser,
      requestId: ctx.requestId,
      createdAt: ctx.now,
      createdByKeyId: ctx.caller.keyId,
      createdByRole: ctx.caller.role,
    })
    // An instance without a queue leaves it for one that has: the queue looks for unfinished imports every minute.
    await ctx.jobs?.requestImport(executeSqlIn(trx), id)
    return row
  })
  return { ...summaryOf(row), results: [], nextCursor: null }
}

const LINE = /^\d{1,9}$/

/**
 * The import with a page of its results after the cursor's line. While it runs, the last page's cursor
 * still points after its last line, so a caller polling with it gets the lines done since.
 */
export async function readImport(db: Db, caller: Caller, id: string, query: { limit?: number; cursor?: string }): Promise<Import> {
  const after = Number(decodeCursor(query.cursor, LINE) ?? 0)
  const row = await findImportById(db, id, caller.teamId)
  if (!row) throw notFound('The import')
  const limit = query.limit ?? 100
  const rows = await findImportResults(db, id, after, limit)
  const results = rows.slice(0, limit).map((r) => ({ ...r, problem: (r.problem as ImportLineResult['problem']) ?? null }))
  const counts = (await countImportResults(db, [id])).get(id)
  const finished = row.status === 'completed' || row.status === 'failed'
  const last = results.at(-1)?.line ?? after
  const more = rows.length > limit || !finished
  return { ...summaryOf(row, counts), results, nextCursor: more ? encodeCursor(String(last)) : null }
}

/** The caller's imports (every import for a key of every team), newest first. */
export async function listImports(db: Db, caller: Caller, query: { limit?: number; cursor?: string }) {
  const limit = query.limit ?? 50
  const rows = await findImportPage(db, { teamId: caller.teamId, limit, before: decodeCursor(query.cursor) })
  const page = toPage(rows, limit)
  const counts = await countImportResults(
    db,
    page.items.map((r) => r.id),
  )
  return { items: page.items.map((r) => summaryOf(r, counts.get(r.id))), nextCursor: page.nextCursor }
}
