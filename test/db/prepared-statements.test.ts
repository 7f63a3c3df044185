import { sql, type Transaction } from 'kysely'
import t from 'tap'
import { compiledOnce } from '../../src/db/compiled-once.js'
import { createDb, type Db } from '../../src/db/database.js'
import type { Database } from '../../src/db/schema.js'
import { runInTransaction } from '../../src/db/transaction.js'
import { findFamilyWithRefs } from '../../src/families/family.repository.js'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aTeam } from '../helpers/builders.js'

const POOL_SIZE = 5 // the test app's pool

/** The names of the statements this database's sessions keep, from PostgreSQL's own view of the session. */
const preparedOn = async (db: Db | Transaction<Database>) =>
  (await sql<{ name: string }>`select name from pg_prepared_statements`.execute(db)).rows.map((r) => r.name)

t.test('the queries every request makes are named statements, kept by each connection', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const family = await aFamily(api, team.id)
  for (let i = 0; i < 3; i++) t.equal((await api.call({ method: 'GET', url: `/families/${family.id}` })).statusCode, 200)
  const names = new Set<string>()
  // Each connection of the pool in turn, all held at once, so that each one is asked.
  await Promise.all(
    Array.from({ length: POOL_SIZE }, () =>
      runInTransaction(api.db, async (trx) => {
        for (const name of await preparedOn(trx)) names.add(name)
        await sql`select pg_sleep(0.05)`.execute(trx)
      }),
    ),
  )
  t.ok(names.size >= 2, `the family's row and its clocks are kept statements (${[...names].join(', ')})`)

  const unnamed = createDb(api.url, { poolSize: 1, preparedStatements: false })
  try {
    t.equal((await findFamilyWithRefs(unnamed, family.id))?.id, family.id)
    t.same(await preparedOn(unnamed), [], 'with preparedStatements: false nothing is kept')
  } finally {
    await unnamed.destroy()
  }
})

t.test('a column added while statements are kept: reads and changes go on', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const family = await aFamily(api, team.id)
  const before = await api.call({ method: 'GET', url: `/families/${family.id}` })
  t.equal(before.statusCode, 200)

  // One connection, so that the read after the change is on the connection that kept the statement.
  const single = createDb(api.url, { poolSize: 1 })
  try {
    t.equal((await findFamilyWithRefs(single, family.id))?.id, family.id)
    // What a migration of the next version does while this one still runs.
    await sql`alter table families add column added_later text`.execute(api.db)
    t.equal((await findFamilyWithRefs(single, family.id))?.id, family.id, 'a read outside a transaction prepares the statement again')
  } finally {
    await single.destroy()
  }
  const after = await api.call({ method: 'GET', url: `/families/${family.id}` })
  t.equal(after.statusCode, 200)
  t.same(after.json(), before.json())

  // In a transaction the stale statement has aborted it: the change is run again from the start.
  const row = compiledOnce(1, (db, id: string) => db.selectFrom('families').selectAll().where('id', '=', id))
  await Promise.all(
    Array.from({ length: POOL_SIZE }, () =>
      runInTransaction(api.db, async (trx) => {
        await row(trx, family.id)
        await sql`select pg_sleep(0.05)`.execute(trx)
      }),
    ),
  )
  await sql`alter table families add column added_later_still text`.execute(api.db)
  let attempts = 0
  const read = await runInTransaction(api.db, async (trx) => {
    attempts++
    return row(trx, family.id)
  })
  t.equal(read[0]?.id, family.id)
  t.equal(attempts, 2, 'the first attempt met the stale statement, the second prepared it again')
  const patched = await api.call({
    method: 'PATCH',
    url: `/families/${family.id}`,
    headers: { 'if-match': after.headers.etag as string },
    payload: { tier: 3 },
  })
  t.equal(patched.statusCode, 200)
})
