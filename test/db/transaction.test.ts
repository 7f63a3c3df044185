import Fastify from 'fastify'
import { sql } from 'kysely'
import t from 'tap'
import { runInTransaction, TransientConflictError } from '../../src/db/transaction.js'
import { registerErrorHandler } from '../../src/http/error-handler.js'
import { buildTestApp } from '../helpers/app.js'

const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' })

t.test('a change that meets a deadlock or serialization failure is run again', async (t) => {
  const api = await buildTestApp(t)
  let attempts = 0
  const result = await runInTransaction(api.db, async () => {
    attempts++
    if (attempts < 3) throw deadlock()
    return 'done'
  })
  t.same([result, attempts], ['done', 3], 'third time lucky')
  attempts = 0
  const error = await runInTransaction(api.db, async () => {
    attempts++
    throw Object.assign(new Error('could not serialize access'), { code: '40001' })
  }).catch((e: unknown) => e)
  t.type(error, TransientConflictError, 'after four attempts it gives up with a transient conflict')
  t.equal(attempts, 4)
  attempts = 0
  const other = await runInTransaction(api.db, async () => {
    attempts++
    throw Object.assign(new Error('unique'), { code: '23505' })
  }).catch((e: { code?: string }) => e)
  t.same([other.code, attempts], ['23505', 1], 'any other error is not retried')
})

t.test('two changes that take the same rows in opposite orders both complete', async (t) => {
  const api = await buildTestApp(t)
  await sql`CREATE TABLE lock_order (id int PRIMARY KEY, n int NOT NULL)`.execute(api.db)
  await sql`INSERT INTO lock_order VALUES (1, 0), (2, 0)`.execute(api.db)
  const bump = (first: number, second: number) =>
    runInTransaction(api.db, async (trx) => {
      await sql`UPDATE lock_order SET n = n + 1 WHERE id = ${first}`.execute(trx)
      await new Promise((resolve) => setTimeout(resolve, 50))
      await sql`UPDATE lock_order SET n = n + 1 WHERE id = ${second}`.execute(trx)
    })
  await Promise.all([bump(1, 2), bump(2, 1)])
  const rows = await sql<{ n: number }>`SELECT n FROM lock_order ORDER BY id`.execute(api.db)
  t.same(
    rows.rows.map((r) => r.n),
    [2, 2],
    'PostgreSQL broke the deadlock; the loser ran again; nothing lost, nothing twice',
  )
})

t.test('a conflict that will not go away is a 503 problem with Retry-After, never a 500', async (t) => {
  const app = Fastify()
  registerErrorHandler(app)
  app.get('/transient', async () => {
    throw new TransientConflictError('40P01')
  })
  app.get('/deadlock', async () => {
    throw deadlock()
  })
  for (const url of ['/transient', '/deadlock']) {
    const res = await app.inject({ method: 'GET', url })
    t.equal(res.statusCode, 503, url)
    t.equal(res.headers['retry-after'], '1')
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.match(res.json(), { type: '/problems/service-unavailable', status: 503 })
  }
  await app.close()
})
