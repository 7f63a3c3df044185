import { type Compilable, CompiledQuery } from 'kysely'
import type { Db } from './database.js'
import { registerPrepared } from './prepared-statements.js'

/** A parameter of the compiled query: one of the call's arguments, or a value the builder put there itself. */
type Slot = { arg: number } | { value: unknown }

interface Compiled {
  sql: string
  slots: Slot[]
}

const placeholder = (i: number) => `\u0000compiled-once:${i}`

/**
 * A query that is built and compiled once, then run with each call's arguments in their places. Building
 * and compiling a Kysely query costs more CPU than reading one row, so the reads every request makes use
 * this. The builder is called once, with placeholders: each argument must go into the query as one
 * parameter (an array as one parameter too, e.g. `= any(${ids})`), never be looked at or spread.
 * The SQL runs as a named statement (prepared-statements.ts), so PostgreSQL plans it once per connection.
 */
export function compiledOnce<A extends unknown[], R>(arity: A['length'], build: (db: Db, ...args: A) => Compilable<R>) {
  let compiled: Compiled | undefined
  const compile = (db: Db): Compiled => {
    const names = Array.from({ length: arity }, (_, i) => placeholder(i))
    const query = build(db, ...(names as unknown as A)).compile()
    const slots = query.parameters.map((p): Slot => (typeof p === 'string' && names.includes(p) ? { arg: names.indexOf(p) } : { value: p }))
    for (let i = 0; i < arity; i++) {
      if (!slots.some((s) => 'arg' in s && s.arg === i)) throw new Error(`compiledOnce: argument ${i} is not a parameter of: ${query.sql}`)
    }
    registerPrepared(query.sql)
    return { sql: query.sql, slots }
  }
  return async (db: Db, ...args: A): Promise<R[]> => {
    compiled ??= compile(db)
    const parameters = compiled.slots.map((s) => ('arg' in s ? args[s.arg] : s.value))
    const result = await db.executeQuery<R>(CompiledQuery.raw(compiled.sql, parameters))
    return result.rows
  }
}
