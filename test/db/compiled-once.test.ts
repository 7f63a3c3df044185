import { sql } from 'kysely'
import t from 'tap'
import { compiledOnce } from '../../src/db/compiled-once.js'
import { runInTransaction } from '../../src/db/transaction.js'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aTeam } from '../helpers/builders.js'

t.test('a compiled-once query is built once and runs with each call’s arguments in their places', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const [a, b, c] = [
    await aFamily(api, team.id, { reference: 'CO-A' }),
    await aFamily(api, team.id, { reference: 'CO-B' }),
    await aFamily(api, team.id, { reference: 'CO-C' }),
  ]
  let builds = 0
  const familiesOfTeam = compiledOnce(2, (db, teamId: string, ids: string[]) => {
    builds++
    return db
      .selectFrom('families')
      .select(['id', 'reference'])
      .where('teamId', '=', teamId)
      .where((eb) => eb('id', '=', eb.fn.any(eb.val(ids))))
      .where('tier', '>=', 1)
      .orderBy('reference')
  })

  t.same(await familiesOfTeam(api.db, team.id, [a.id, c.id]), [
    { id: a.id, reference: 'CO-A' },
    { id: c.id, reference: 'CO-C' },
  ])
  t.same(await familiesOfTeam(api.db, team.id, [b.id]), [{ id: b.id, reference: 'CO-B' }], 'the second call’s ids, not the first’s')
  const other = await aTeam(api)
  t.same(await familiesOfTeam(api.db, other.id, [a.id, b.id]), [], 'the team argument is a parameter too')
  const inTransaction = await runInTransaction(api.db, (trx) => familiesOfTeam(trx, team.id, [b.id, c.id]))
  t.same(
    inTransaction.map((r) => r.reference),
    ['CO-B', 'CO-C'],
    'it runs in a transaction as well',
  )
  t.equal(builds, 1, 'the builder ran once for four calls')
})

t.test('an argument the builder does not pass as one parameter is refused when the query is first used', async (t) => {
  const api = await buildTestApp(t)
  const spread = compiledOnce(1, (db, ids: string[]) =>
    db
      .selectFrom('families')
      .select('id')
      .where('id', 'in', [...ids]),
  )
  await t.rejects(spread(api.db, ['x']), /argument 0 is not a parameter/)
  const ignored = compiledOnce(1, (db, _id: string) => db.selectFrom('families').select(sql<number>`1`.as('one')))
  await t.rejects(ignored(api.db, 'x'), /argument 0 is not a parameter/)
})
