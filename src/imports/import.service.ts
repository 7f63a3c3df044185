import type { FastifyError } from 'fastify'
import type { ChangeContext } from '../context.js'
import type { Db } from '../db/database.js'
import { executeSqlIn, runInTransaction } from '../db/transaction.js'
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

/** One line: parsed, checked, then applied in a transaction of its own (rolled back on a dry run). */
async function importLine(db: Db, ctx: ChangeContext, text: string, line: number, validate: CaseValidator, dryRun: boolean): Promise<ImportLineResult> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return failed(line, 'malformed-request', 'the line is not valid JSON')
  }
  const errors = validate(value)
  if (errors) return failed(line, 'validation-error', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors)
  try {
    const applied = await runInTransaction(db, async (trx) => {
      const result = await applyCase(trx, ctx, value as ImportCase)
      if (dryRun) throw new DryRunDone(result)
      return result
    }).catch((error) => {
      if (error instanceof DryRunDone) return error.applied
      throw error
    })
    const anything = applied.created.families + applied.created.serviceRequests + applied.created.escalations > 0
    return { line, outcome: anything ? 'created' : 'skipped', familyId: applied.familyId, created: applied.created, problem: null }
  } catch (error) {
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
  const lines = body.split('\n')
  for (const [i, raw] of lines.entries()) {
    const text = raw.trim()
    if (text === '') continue
    results.push(await importLine(db, caseCtx, text, i + 1, validate, dryRun))
  }
  const count = (outcome: ImportLineResult['outcome']) => results.filter((r) => r.outcome === outcome).length
  const created = count('created')
  const jobs = ctx.jobs
  if (!dryRun && created > 0 && jobs) await runInTransaction(db, (trx) => jobs.requestBreachActions(executeSqlIn(trx)))
  return { dryRun, lines: results.length, created, skipped: count('skipped'), failed: count('failed'), results }
}
