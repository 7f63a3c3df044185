import { createServer, type Socket } from 'node:net'
import { sql } from 'kysely'
import t from 'tap'
import { createDb } from '../../src/db/database.js'
import { isDatabaseUnavailable } from '../../src/db/unavailable.js'
import { createTestDatabase, withAdminClient } from '../helpers/database.js'

const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  )

t.test('a connection checked out when its server process ends does not end this process', async (t) => {
  const database = await createTestDatabase()
  t.teardown(database.drop)
  const db = createDb(database.url, { poolSize: 2 })
  t.teardown(() => db.destroy())
  const error = await db.connection().execute(async (conn) => {
    const pid = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(conn)).rows[0].pid
    // Between two queries of a request, the server ends the session (as a fast shutdown does).
    await withAdminClient((admin) => admin.query('SELECT pg_terminate_backend($1)', [pid]))
    await new Promise((resolve) => setTimeout(resolve, 300))
    return caught(sql`SELECT 1`.execute(conn))
  })
  t.ok(error, 'the next query on it fails')
  t.ok(isDatabaseUnavailable(error), `as unavailability (${(error as Error).message})`)
  t.same((await sql<{ one: number }>`SELECT 1 AS one`.execute(db)).rows, [{ one: 1 }], 'and the pool serves the next request')
})

t.test('the statement timeout cancels a long statement, as unavailability', async (t) => {
  const database = await createTestDatabase()
  t.teardown(database.drop)
  const db = createDb(database.url, { statementTimeoutMs: 100 })
  t.teardown(() => db.destroy())
  const error = await caught(sql`SELECT pg_sleep(2)`.execute(db))
  t.match(error, { code: '57014' })
  t.ok(isDatabaseUnavailable(error))
})

t.test('the connect timeout gives up on a server that never answers', async (t) => {
  const sockets: Socket[] = []
  const silent = createServer((socket) => void sockets.push(socket))
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
  t.teardown(() => {
    for (const socket of sockets) socket.destroy()
    silent.close()
  })
  const address = silent.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const db = createDb(`postgres://nobody:x@127.0.0.1:${port}/none`, { connectTimeoutMs: 200 })
  const started = Date.now()
  const error = await caught(sql`SELECT 1`.execute(db))
  t.ok(Date.now() - started < 2000, 'within the timeout, not the default wait')
  t.ok(isDatabaseUnavailable(error), `as unavailability (${(error as Error).message})`)
  await db.destroy()
})

t.test('which errors mean the database is unavailable', async (t) => {
  const withCode = (code: string) => Object.assign(new Error('x'), { code })
  for (const code of ['ECONNREFUSED', 'ECONNRESET', '57P01', '57P02', '57P03', '08006', '08001', '57014']) {
    t.ok(isDatabaseUnavailable(withCode(code)), code)
  }
  t.ok(isDatabaseUnavailable(new Error('Connection terminated unexpectedly')))
  t.ok(isDatabaseUnavailable(new AggregateError([withCode('ECONNREFUSED')], 'connect failed')))
  for (const code of ['23505', '23514', '40001', '22P02', 'FST_ERR_VALIDATION']) {
    t.notOk(isDatabaseUnavailable(withCode(code)), `not ${code}`)
  }
  t.notOk(isDatabaseUnavailable(new Error('boom')))
  t.notOk(isDatabaseUnavailable(null))
})
