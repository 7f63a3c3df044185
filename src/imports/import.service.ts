import type { FastifyError } from 'fastify'
import type { Kysely } from 'kysely'
import type { ChangeContext } from '../context.js'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema.js'
import { executeSqlIn, runInTransaction } from '../db/transaction.js'
import { isDatabaseUnavailable } from '../db/unavailable.js'
import { classify } from '../http/error-handler.js'
import { type FieldError, PROBLEM_KINDS, type ProblemKind, problemType } from '../http/problems.js'
import type { ImportCase, ImportLineResult, ImportResult } from './import.schemas.js'
import { applyCase, type CaseApplied } from './import-case.js'

/** Checks one parsed line against the ImportCase schema; the field errors when it does not hold. */
export type CaseValidator = (value: unknown) => FieldError[] | null

const NONE = { families: 0, serviceRequests: 0, escalations: 0 }

/** Thrown to roll a dry run's case back once every rule has run on it. */
class DryRunDone extends Error {
  constructor(readonly applied: CaseApplied) {
    super('dry run')
  }
}

const problem = (kind: ProblemKind, line: number, detail: string, errors?: FieldError[]) => ({
  type: problemType(kind),
  title: PROBLEM_KINDS[kind].title,
  status: PROBLEM_KINDS[kind].status,
  detail: `Line ${line}: ${detail}`,
  ...(errors ? { errors } : {}),
})

const failed = (line: number, kind: ProblemKind, detail: string, errors?: FieldError[]): ImportLineResult => ({
  line,
  outcome: 'failed',
  familyId: null,
  created: NONE,
  problem: problem(kind, line, detail, errors),
})

const outcomeOf = (line: number, applied: CaseApplied): ImportLineResult => {
  const anything = applied.created.families + applied.created.serviceRequests + applied.created.escalations > 0
  return { line, outcome: anything ? 'created' : 'skipped', familyId: applied.familyId, created: applied.created, problem: null }
}

/**
 * Keeps a line's result: called in the line's own transaction when its case commits (so the result exists
 * exactly when the case does), and on its own for a line that failed or was rolled back as a dry run.
 */
export type KeepResult = (db: Kysely<Database>, result: ImportLineResult) => Promise<void>

/** The lines of a file that are not blank, with their line numbers (1-based; blank lines count). */
export function linesOf(body: string): { line: number; text: string }[] {
  const lines: { line: number; text: string }[] = []
  for (const [i, raw] of body.split('\n').entries()) {
    const text = raw.trim()
    if (text !== '') lines.push({ line: i + 1, text })
  }
  return lines
}

/**
 * One line: parsed, checked, then applied in a transaction of its own (rolled back on a dry run). The one
 * path of every line, whether the file is answered at once or run by the job queue.
 */
export async function importLine(
  db: Db,
  ctx: ChangeContext,
  { text, line }: { text: string; line: number },
  validate: CaseValidator,
  dryRun: boolean,
  keep?: KeepResult,
): Promise<ImportLineResult> {
  const result = await resultOf(db, ctx, text, line, validate, dryRun, keep)
  if (keep && (result.outcome === 'failed' || dryRun)) await keep(db, result)
  return result
}

async function resultOf(db: Db, ctx: ChangeContext, text: string, line: number, validate: CaseValidator, dryRun: boolean, keep?: KeepResult) {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return failed(line, 'malformed-request', 'the line is not valid JSON')
  }
  const errors = validate(value)
  if (errors) return failed(line, 'validation-error', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors)
  try {
    return await runInTransaction(db, async (trx) => {
      const applied = await applyCase(trx, ctx, value as ImportCase)
      if (dryRun) throw new DryRunDone(applied)
      const result = outcomeOf(line, applied)
      await keep?.(trx, result)
      return result
    }).catch((error) => {
      if (error instanceof DryRunDone) return outcomeOf(line, error.applied)
      throw error
    })
  } catch (error) {
    // A queued import keeps no result for a line the database could not take: its worker pauses, and the line runs again.
    if (keep && isDatabaseUnavailable(error)) throw error
    const known = classify(error as FastifyError)
    if (!known) throw error
    return failed(line, known.kind, known.detail, known.errors)
  }
}

/**
 * Imports case history, one case per line of NDJSON, in order. Each case is its own transaction: a line
 * that fails leaves nothing behind and the next goes on. No change of the import asks for breach actions;
 * once every line is in, they are asked for once, and the grace period (BREACH_ACTION_GRACE) keeps them
 * from acting at once on breaches that history brings in.
 */
export async function runImport(db: Db, ctx: ChangeContext, body: string, validate: CaseValidator, dryRun: boolean): Promise<ImportResult> {
  const caseCtx: ChangeContext = { ...ctx, jobs: null }
  const results: ImportLineResult[] = []
  for (const line of linesOf(body)) results.push(await importLine(db, caseCtx, line, validate, dryRun))
  const count = (outcome: ImportLineResult['outcome']) => results.filter((r) => r.outcome === outcome).length
  const created = count('created')
  const jobs = ctx.jobs
  if (!dryRun && created > 0 && jobs) await runInTransaction(db, (trx) => jobs.requestBreachActions(executeSqlIn(trx)))
  return { dryRun, lines: results.length, created, skipped: count('skipped'), failed: count('failed'), results }
}
