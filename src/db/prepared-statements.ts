import type pg from 'pg'

/**
 * Named (prepared) statements for the queries every request makes. PostgreSQL parses and plans an unnamed
 * statement each time it runs; a named one is parsed once per connection, and its plan is kept. For the
 * SLA block's clock query, whose plan weighs the clock table's many partial indexes, planning was more than
 * half of its cost. Only SQL registered here (by `compiledOnce`) is named: a fixed set of texts.
 */
interface Entry {
  name: string
  /** Bumped when PostgreSQL refuses the kept statement, so that the next use prepares it afresh. */
  generation: number
}

const registered = new Map<string, Entry>()

/** Runs `sql` as a named statement on connections that use prepared statements. */
export function registerPrepared(sql: string): void {
  if (!registered.has(sql)) registered.set(sql, { name: `q${registered.size + 1}`, generation: 0 })
}

/**
 * A kept statement whose result columns changed under it: a migration added a column to a table it reads
 * with `*`, as in a rolling deploy. Nothing was read or written: the statement can be prepared again and run.
 * In a transaction the error has aborted it; `runInTransaction` runs the change again.
 */
export const isStalePlan = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  (error as { code?: unknown }).code === '0A000' &&
  /cached plan must not change result type/.test(String((error as { message?: unknown }).message))

const IN_FAILED_TRANSACTION = '25P02'

type Query = (text: unknown, values?: unknown) => Promise<pg.QueryResult>

/** Makes this connection run registered SQL as named statements. */
export function usePreparedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as unknown as Query
  const named = (entry: Entry, text: string, values: unknown) => query({ name: `${entry.name}_${entry.generation}`, text, values })
  const patched = (text: unknown, values?: unknown, callback?: unknown) => {
    const entry = typeof text === 'string' && callback === undefined ? registered.get(text) : undefined
    if (!entry) return (query as (...args: unknown[]) => unknown)(text, values, callback)
    return named(entry, text as string, values).catch(async (error: unknown) => {
      if (!isStalePlan(error)) throw error
      entry.generation++
      // Outside a transaction it simply runs again; inside one, the transaction is already lost and the
      // stale plan is the error to report, so that the change is run again from the start.
      return named(entry, text as string, values).catch((retryError: unknown) => {
        throw (retryError as { code?: unknown }).code === IN_FAILED_TRANSACTION ? error : retryError
      })
    })
  }
  client.query = patched as typeof client.query
}
