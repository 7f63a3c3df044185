import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Logger } from 'pino'
import type { Database } from './schema.js'

// `date` stays a YYYY-MM-DD string; int8 (counts, serials) becomes a number.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value)
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10))
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number.parseFloat(value))

export type Db = Kysely<Database>

export function createDb(connectionString: string, options: { poolSize?: number; log?: Logger; onQuery?: (sql: string) => void } = {}): Db {
  const pool = new pg.Pool({ connectionString, max: options.poolSize ?? 10 })
  // Without a listener, a server restart or a dropped connection would crash the process.
  pool.on('error', (err) => options.log?.error({ err: { message: err.message, code: (err as { code?: string }).code } }, 'database pool error'))
  const onQuery = options.onQuery
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
    ...(onQuery ? { log: (event) => onQuery(event.query.sql) } : {}),
  })
}
