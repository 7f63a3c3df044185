import { AsyncLocalStorage } from 'node:async_hooks'
import { CompiledQuery, type Kysely, type Transaction } from 'kysely'
import { isStalePlan } from './prepared-statements.js'
import type { Database } from './schema.js'

/** Deadlock, serialization failure, lock not available: the change can simply be run again. */
const RETRYABLE = new Set(['40P01', '40001', '55P03'])
const ATTEMPTS = 4

/** A change that kept failing on conflicts with others; the caller may retry after `retryAfterSeconds`. */
export class TransientConflictError extends Error {
  readonly retryAfterSeconds = 1
  constructor(readonly code: string) {
    super(`The change conflicted with others ${ATTEMPTS} times (${code})`)
    this.name = 'TransientConflictError'
  }
}

export const isRetryable = (error: unknown): error is { code: string } =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && RETRYABLE.has(error.code)

/** Runs raw SQL in `trx` (for a job queue that must enqueue inside the change's transaction). */
export const executeSqlIn =
  <DB>(trx: Transaction<DB>) =>
  async (text: string, values: unknown[]) => ({
    rows: (await trx.executeQuery(CompiledQuery.raw(text, values))).rows,
  })

type Hook = () => Promise<void>
const beforeCommit = new WeakMap<object, Hook[]>()

/**
 * Runs `hook` at the end of the transaction, after everything else it does: the outbox appends its
 * events there, after every lock the change takes, so their order is an order the changes could have run in.
 * Outside `runInTransaction` there is no end to wait for: false, and the caller writes at once.
 */
export function atEndOf<DB>(trx: Transaction<DB> | Kysely<DB>, hook: Hook): boolean {
  const hooks = beforeCommit.get(trx)
  if (!hooks) return false
  hooks.push(hook)
  return true
}

/**
 * What a caller (an HTTP request) adds to every change it makes: `atStart` runs first in each transaction
 * `runInTransaction` opens (and again on each attempt), `afterCommit` once the transaction has committed.
 * The request's Idempotency-Key is claimed this way, in the same transaction as the change it guards.
 */
export interface ChangeHooks {
  atStart: (trx: Transaction<Database>) => Promise<void>
  afterCommit: () => void
}

const changeHooks = new AsyncLocalStorage<ChangeHooks>()

/** Runs `fn` (and everything it starts) with `hooks` added to each change it makes. */
export const withChangeHooks = <T>(hooks: ChangeHooks, fn: () => T): T => changeHooks.run(hooks, fn)

/**
 * One change, in one transaction. A deadlock or serialization failure rolls it back and runs it again
 * (up to four times, after a short random wait), so callers never see one; if it keeps happening, a
 * `TransientConflictError` (503 with Retry-After). Each attempt starts afresh: `fn` must not keep state
 * between attempts. Called with a transaction, `fn` runs in it (Kysely cannot nest transactions).
 */
export async function runInTransaction<DB, T>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  // Given a transaction, the change joins it: a bulk import composes several changes into one case's
  // transaction, whose owner commits, retries and runs the end-of-transaction hooks.
  if (db.isTransaction) return fn(db as Transaction<DB>)
  const caller = changeHooks.getStore()
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await db.transaction().execute(async (trx) => {
        await caller?.atStart(trx as unknown as Transaction<Database>)
        const hooks: Hook[] = []
        beforeCommit.set(trx, hooks)
        const result = await fn(trx)
        for (let i = 0; i < hooks.length; i++) await hooks[i]()
        return result
      })
      caller?.afterCommit()
      return result
    } catch (error) {
      if (!isRetryable(error) && !isStalePlan(error)) throw error
      if (attempt >= ATTEMPTS) throw new TransientConflictError((error as { code: string }).code)
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt))
    }
  }
}
