import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Logger } from 'pino'
import { usePreparedStatements } from './prepared-statements.js'
import type { Database } from './schema.js'

/**
 * How this pool reads column types, for its own connections only (not the process's other pools, such
 * as the job queue's): a `date` stays a YYYY-MM-DD string and `int8` (counts, serial ids) becomes a
 * number. `numeric` stays a string, exact; a caller that wants a number converts it where it knows the
 * value is small (the outcome report's averages, rounded to 2 decimals).
 */
export function typeParsers(): pg.TypeOverrides {
  const types = new pg.TypeOverrides()
  types.setTypeParser(pg.types.builtins.DATE, (value: string) => value)
  types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number.parseInt(value, 10))
  return types
}

export type Db = Kysely<Database>

const pools = new WeakMap<Db, pg.Pool>()

/** The connection pool behind a database handle made by `createDb`, for its gauges. */
export const poolOf = (db: Db): pg.Pool | undefined => pools.get(db)

export interface DbOptions {
  poolSize?: number
  /** How long to wait for a connection (a new one, or a free one from a full pool); 0 waits forever. */
  connectTimeoutMs?: number
  /** The server cancels a statement running longer (SQLSTATE 57014); 0 lets it run. */
  statementTimeoutMs?: number
  log?: Logger
  onQuery?: (sql: string) => void
  /**
   * false: this pool's commits return before their WAL is flushed to disk (`synchronous_commit = off`).
   * A crash of PostgreSQL (not of this process) can then lose its last commits, up to about three times
   * `wal_writer_delay` (600 ms by default); they are never half-written. Only for records where that is acceptable.
   */
  synchronousCommit?: boolean
  /**
   * false: every statement is sent unnamed, as a pooler in transaction mode without prepared-statement
   * support needs (`DB_PREPARED_STATEMENTS`). By default the queries every request makes are named.
   */
  preparedStatements?: boolean
}

export function createDb(connectionString: string, options: DbOptions = {}): Db {
  const pool = new pg.Pool({
    connectionString,
    max: options.poolSize ?? 10,
    types: typeParsers(),
    connectionTimeoutMillis: options.connectTimeoutMs ?? 0,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    ...(options.synchronousCommit === false ? { options: '-c synchronous_commit=off' } : {}),
  })
  const logLoss = (err: Error) => options.log?.warn({ err: { message: err.message, code: 'code' in err ? err.code : undefined } }, 'database connection lost')
  // The pool listens for errors on idle connections only. A connection checked out by a request when the
  // server shuts down or the socket drops emits 'error' too; without a listener of its own that error would
  // end the process. The request's next query fails instead, and the pool discards the connection.
  pool.on('connect', (client) => {
    client.on('error', logLoss)
    if (options.preparedStatements !== false) usePreparedStatements(client)
  })
  // The pool re-emits an idle connection's error, already logged by the listener above.
  pool.on('error', () => {})
  const onQuery = options.onQuery
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
    ...(onQuery ? { log: (event) => onQuery(event.query.sql) } : {}),
  })
  pools.set(db, pool)
  return db
}
