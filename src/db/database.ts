import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Logger } from 'pino'
import type { Database } from './schema.js'

/**
 * How this pool reads column types, for its own connections only (not the process's other pools, such
 * as the job queue's): a `date` stays a YYYY-MM-DD string and `int8` (counts, serial ids) becomes a
 * number. `numeric` stays a string, exact; a caller that wants a number converts it where it knows the
 * value is small (the outcome report's averages, rounded to 2 decimals).
 */
function typeParsers(): pg.TypeOverrides {
  const types = new pg.TypeOverrides()
  types.setTypeParser(pg.types.builtins.DATE, (value: string) => value)
  types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number.parseInt(value, 10))
  return types
}

export type Db = Kysely<Database>

const pools = new WeakMap<Db, pg.Pool>()

/** The connection pool behind a database handle made by `createDb`, for its gauges. */
export const poolOf = (db: Db): pg.Pool | undefined => pools.get(db)

export function createDb(connectionString: string, options: { poolSize?: number; log?: Logger; onQuery?: (sql: string) => void } = {}): Db {
  const pool = new pg.Pool({ connectionString, max: options.poolSize ?? 10, types: typeParsers() })
  // Without a listener, a server restart or a dropped connection would crash the process.
  pool.on('error', (err) => options.log?.error({ err: { message: err.message, code: 'code' in err ? err.code : undefined } }, 'database pool error'))
  const onQuery = options.onQuery
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
    ...(onQuery ? { log: (event) => onQuery(event.query.sql) } : {}),
  })
  pools.set(db, pool)
  return db
}
