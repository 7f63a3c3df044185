import { sql } from 'kysely'
import pg from 'pg'
import t from 'tap'
import { createDb } from '../../src/db/database.js'
import { buildTestApp } from '../helpers/app.js'

t.test("the app's pool reads dates as strings and int8 as numbers; other connections keep pg's defaults", async (t) => {
  const api = await buildTestApp(t)
  const row = (await sql<{ d: unknown; n: unknown; x: unknown }>`SELECT '2027-01-31'::date AS d, 42::int8 AS n, 1.10::numeric AS x`.execute(api.db)).rows[0]
  t.same(row, { d: '2027-01-31', n: 42, x: '1.10' }, 'numeric stays an exact string')
  const client = new pg.Client({ connectionString: api.url })
  await client.connect()
  try {
    const other = (await client.query('SELECT $1::date AS d, 42::int8 AS n', ['2027-01-31'])).rows[0]
    t.type(other.d, Date, "another client's dates are pg's Dates: nothing was set for the whole process")
    t.equal(other.n, '42')
  } finally {
    await client.end()
  }
})

t.test('a pool made with synchronousCommit false does not wait for the WAL flush; the main pool does', async (t) => {
  const api = await buildTestApp(t)
  const audit = createDb(api.url, { poolSize: 1, synchronousCommit: false })
  t.teardown(() => audit.destroy())
  const setting = async (db: typeof api.db) => (await sql<{ value: string }>`SELECT current_setting('synchronous_commit') AS value`.execute(db)).rows[0].value
  t.equal(await setting(audit), 'off', 'audit pool')
  t.equal(await setting(api.db), 'on', 'main pool')
})
