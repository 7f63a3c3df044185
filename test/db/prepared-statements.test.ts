import { sql, type Transaction } from 'kysely'
import t from 'tap'
import { compiledOnce } from '../../src/db/compiled-once.js'
import { createDb, type Db } from '../../src/db/database.js'
import type { Database } from '../../src/db/schema.js'
import { runInTransaction } from '../../src/db/transaction.js'
import { externalRefsByResource } from '../../src/external-refs/external-ref.repository.js'
import { findFamilyBlockClocks, findFamilyForRead } from '../../src/families/family.repository.js'
import { clocksOfSubjects } from '../../src/sla-clocks/clock-reads.repository.js'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aServiceRequest, aTeam } from '../helpers/builders.js'

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
    t.equal((await findFamilyForRead(unnamed, family.id))?.row.id, family.id)
    t.same(await preparedOn(unnamed), [], 'with preparedStatements: false nothing is kept')
  } finally {
    await unnamed.destroy()
  }
})

t.test('a read by one id keeps its plan; by several ids it reads them all', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const families = [await aFamily(api, team.id), await aFamily(api, team.id)]
  const requests = [await aServiceRequest(api, families[0].id, team.id), await aServiceRequest(api, families[1].id, team.id)]
  const familyIds = families.map((f) => f.id)
  const requestIds = requests.map((r) => r.id)

  // One connection: every run below is on the session that keeps the statements.
  const single = createDb(api.url, { poolSize: 1 })
  try {
    for (let i = 0; i < 8; i++) {
      await findFamilyBlockClocks(single, [familyIds[0]])
      await clocksOfSubjects(single, [requestIds[0]])
      await externalRefsByResource(single, 'family', [familyIds[0]])
    }
    // PostgreSQL plans a named statement for its values five times, then keeps a generic plan if that is
    // no dearer. Planning again on every run is what `= any($1)` with one id did.
    const plans = (
      await sql<{ statement: string; genericPlans: string; customPlans: string }>`
        select statement, generic_plans, custom_plans from pg_prepared_statements
        where statement like '%"sla_clocks"%' or statement like '%from "external_refs"%'`.execute(single)
    ).rows
    t.equal(plans.length, 3, 'the family block, the subjects’ clocks and the references: one statement each')
    for (const p of plans)
      t.ok(Number(p.genericPlans) > 0, `kept a generic plan (${p.customPlans} custom, ${p.genericPlans} generic): ${p.statement.slice(0, 90)}`)

    const oneByOne = async (read: (ids: string[]) => Promise<{ id: string }[]>, ids: string[]) =>
      (await Promise.all(ids.map((id) => read([id]))))
        .flat()
        .map((r) => r.id)
        .sort()
    const together = async (read: (ids: string[]) => Promise<{ id: string }[]>, ids: string[]) => (await read(ids)).map((r) => r.id).sort()
    const blockClocks = (ids: string[]) => findFamilyBlockClocks(single, ids)
    const requestClocks = (ids: string[]) => clocksOfSubjects(single, ids)
    t.ok((await together(blockClocks, familyIds)).length >= 2, 'each family has the clocks of its request')
    t.same(await together(blockClocks, familyIds), await oneByOne(blockClocks, familyIds), 'two families at once: the clocks of each')
    t.same(await together(requestClocks, requestIds), await oneByOne(requestClocks, requestIds), 'two requests at once: the clocks of each')
    t.same(await findFamilyBlockClocks(single, []), [], 'no ids, no clocks')
  } finally {
    await single.destroy()
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
    t.equal((await findFamilyForRead(single, family.id))?.row.id, family.id)
    // What a migration of the next version does while this one still runs.
    await sql`alter table families add column added_later text`.execute(api.db)
    t.equal((await findFamilyForRead(single, family.id))?.row.id, family.id, 'a read outside a transaction prepares the statement again')
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
