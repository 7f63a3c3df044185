import type { Logger } from 'pino'
import type { CalendarCache } from '../calendar/index.js'
import type { ChangeContext, JobQueue } from '../context.js'
import type { Db } from '../db/database.js'
import { executeSqlIn, runInTransaction } from '../db/transaction.js'
import { isDatabaseUnavailable } from '../db/unavailable.js'
import { PROBLEM_KINDS, problemType } from '../http/problems.js'
import {
  countImportResults,
  findDoneLines,
  findImportToRun,
  findUnfinishedImportIds,
  insertImportResult,
  tryLockImport,
  unlockImport,
  updateImportStatus,
} from './import.repository.js'
import { type CaseValidator, importLine, type KeepResult, linesOf } from './import.service.js'

export interface ImportWork {
  db: Db
  log: Logger
  calendars: CalendarCache
  clock: () => Date
  validate: CaseValidator
}

/**
 * Applies a queued import, line by line, through the same `importLine` as a file answered at once. One
 * worker at a time holds an import (a session lock, released if the worker dies); it starts at the first
 * line without a result, so lines already done are not run again. Breach actions are asked for once,
 * in the transaction that marks the import completed, after its last line; no line asks for them.
 */
export async function runQueuedImport(work: ImportWork, jobs: JobQueue, id: string): Promise<void> {
  await work.db.connection().execute(async (conn) => {
    if (!(await tryLockImport(conn, id))) return
    try {
      await applyImport(work, jobs, id)
    } finally {
      await unlockImport(conn, id)
    }
  })
}

async function applyImport({ db, log, calendars, clock, validate }: ImportWork, jobs: JobQueue, id: string): Promise<void> {
  const run = await findImportToRun(db, id)
  // A completed or failed import has no file left to apply (its file is cleared when it finishes).
  if (!run || run.body === null) return
  if (run.status === 'queued') await updateImportStatus(db, id, { status: 'running', startedAt: clock() }, clock())
  const done = await findDoneLines(db, id)
  const caller = { keyId: run.createdByKeyId, role: run.createdByRole, teamId: run.teamId, actingUser: run.actingUser }
  const keep: KeepResult = async (executor, result) => {
    await insertImportResult(executor, id, result)
  }
  let at = 0
  try {
    for (const line of linesOf(run.body)) {
      if (done.has(line.line)) continue
      at = line.line
      const ctx: ChangeContext = { caller, requestId: run.requestId, now: clock(), calendars, jobs: null }
      await importLine(db, ctx, line, validate, run.dryRun, keep)
    }
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      // Still running, with no result for this line: the minutely `resumeImports` asks for it again.
      log.warn({ importId: id, line: at, err: { message: (error as Error).message } }, 'import paused: the database is unavailable')
      return
    }
    log.error({ importId: id, line: at, err: { message: (error as Error).message } }, 'import stopped')
    const detail = `Line ${at}: the import stopped on an unexpected error; the lines before it are done, and sending the file again skips them`
    const problem = { type: problemType('internal-error'), title: PROBLEM_KINDS['internal-error'].title, status: 500, detail }
    await updateImportStatus(db, id, { status: 'failed', finishedAt: clock(), problem }, clock())
    return
  }
  await runInTransaction(db, async (trx) => {
    const created = (await countImportResults(trx, [id])).get(id)?.created ?? 0
    if (!run.dryRun && created > 0) await jobs.requestBreachActions(executeSqlIn(trx))
    await updateImportStatus(trx, id, { status: 'completed', finishedAt: clock() }, clock())
  })
  log.info({ importId: id, lines: run.totalLines }, 'import completed')
}

/** Asks the queue again for every import not finished: those of an instance that stopped, or sent where no queue runs. */
export async function resumeImports(db: Db, jobs: JobQueue): Promise<number> {
  const unfinished = await findUnfinishedImportIds(db)
  for (const { id } of unfinished) await runInTransaction(db, (trx) => jobs.requestImport(executeSqlIn(trx), id))
  return unfinished.length
}
