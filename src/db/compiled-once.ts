import { type Compilable, CompiledQuery, type RawBuilder, sql } from 'kysely'
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

/** What a query by ids compares its id column with: `$n` for one id, `any($n)` for several. */
export type IdsOperand = RawBuilder<string>

/**
 * A compiled-once read by ids, as two statements: `column = $1` for one id, `column = any($1)` for
 * several. PostgreSQL's generic plan for `= any($1)` assumes an array of ten elements, so with one id
 * a custom plan always looks cheaper: it would plan every run anew and the named statement would never
 * keep its plan, which costs more than the run itself. An empty list reads nothing.
 */
export function compiledOnceByIds<A extends unknown[], R>(arity: A['length'], build: (db: Db, ids: IdsOperand, ...args: A) => Compilable<R>) {
  const one = compiledOnce<[string, ...A], R>(arity + 1, (db, id, ...args) => build(db, sql<string>`${id}`, ...args))
  const many = compiledOnce<[string[], ...A], R>(arity + 1, (db, ids, ...args) => build(db, sql<string>`any(${ids})`, ...args))
  return (db: Db, ids: readonly string[], ...args: A): Promise<R[]> => {
    if (ids.length === 0) return Promise.resolve([])
    return ids.length === 1 ? one(db, ids[0], ...args) : many(db, [...ids], ...args)
  }
}
