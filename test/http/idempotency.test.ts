import pg from 'pg'
import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aTeam, familyPayload } from '../helpers/builders.js'
import { until } from '../helpers/until.js'

t.test('Idempotency-Key on POST', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const countFamilies = async () =>
    Number(
      (
        await api.db
          .selectFrom('families')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  t.test('a retry replays the first response and creates nothing', async (t) => {
    const payload = familyPayload(team.id)
    const first = await api.call({ method: 'POST', url: '/families', headers: { 'idempotency-key': 'k-1' }, payload })
    t.equal(first.statusCode, 201)
    const before = await countFamilies()
    const retry = await api.call({ method: 'POST', url: '/families', headers: { 'idempotency-key': 'k-1' }, payload })
    t.equal(retry.statusCode, 201)
    t.equal(retry.body, first.body, 'the same body')
    t.equal(retry.headers.etag, first.headers.etag)
    t.equal(retry.headers.location, first.headers.location)
    t.equal(retry.headers['idempotent-replayed'], 'true')
    t.equal(await countFamilies(), before, 'no second family')
  })

  t.test('the same key with a different body is 422', async (t) => {
    await api.call({ method: 'POST', url: '/families', headers: { 'idempotency-key': 'k-2' }, payload: familyPayload(team.id, { reference: 'A' }) })
    const res = await api.call({ method: 'POST', url: '/families', headers: { 'idempotency-key': 'k-2' }, payload: familyPayload(team.id, { reference: 'B' }) })
    t.equal(res.statusCode, 422)
    t.equal(res.json().type, '/problems/idempotency-key-reused')
  })

  t.test('keys belong to one API key', async (t) => {
    const other = await api.keyFor('integration')
    const res = await api.call({ method: 'POST', url: '/families', key: other, headers: { 'idempotency-key': 'k-1' }, payload: familyPayload(team.id) })
    t.equal(res.statusCode, 201)
    t.notOk(res.headers['idempotent-replayed'])
  })

  t.test('the same key while the first request is in flight is 409', async (t) => {
    // Hold the first request inside its transaction by locking the families table from another session.
    const blocker = new pg.Client({ connectionString: api.url })
    await blocker.connect()
    await blocker.query('BEGIN')
    await blocker.query('LOCK TABLE families IN ACCESS EXCLUSIVE MODE')
    const payload = familyPayload(team.id)
    const first = api.call({ method: 'POST', url: '/families', headers: { 'idempotency-key': 'k-3' }, payload })
    // The key is claimed in the change's transaction, under a lock a second request with the key cannot take.
    const claimed = async () =>
      (
        await blocker.query(
          `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        )
      ).rowCount === 1
    await until(claimed)
    t.notOk(
      await api.db.selectFrom('idempotencyKeys').select('key').where('key', '=', 'k-3').executeTakeFirst(),
      'the claim is not seen until the change commits',
    )
    const second = await api.call({ method: 'POST', url: '/families', headers: { 'idempotency-key': 'k-3' }, payload })
    t.equal(second.statusCode, 409)
    t.equal(second.json().type, '/problems/idempotency-key-in-flight')
    await blocker.query('COMMIT')
    await blocker.end()
    t.equal((await first).statusCode, 201, 'the first request then completes')
    const third = await api.call({ method: 'POST', url: '/families', headers: { 'idempotency-key': 'k-3' }, payload })
    t.equal(third.headers['idempotent-replayed'], 'true', 'and later retries replay it')
  })

  t.test('a failed first attempt can be retried with the same key', async (t) => {
    const bad = await api.call({ method: 'POST', url: '/families', headers: { 'idempotency-key': 'k-4' }, payload: familyPayload(team.id, { tier: 9 }) })
    t.equal(bad.statusCode, 400)
    const again = await api.call({ method: 'POST', url: '/families', headers: { 'idempotency-key': 'k-4' }, payload: familyPayload(team.id, { tier: 9 }) })
    t.equal(again.statusCode, 400, 'the same bad request gets the same answer')
  })

  t.test('keys are kept in PostgreSQL for at least 24 hours', async (t) => {
    const row = await api.db.selectFrom('idempotencyKeys').selectAll().where('key', '=', 'k-1').executeTakeFirstOrThrow()
    t.equal(row.responseStatus, 201)
    const { purgeIdempotencyKeys } = await import('../../src/http/idempotency.js')
    await api.db
      .updateTable('idempotencyKeys')
      .set({ createdAt: new Date(Date.now() - 25 * 3600_000) })
      .where('key', '=', 'k-1')
      .execute()
    await purgeIdempotencyKeys(api.db)
    t.ok(await api.db.selectFrom('idempotencyKeys').select('key').where('key', '=', 'k-1').executeTakeFirst(), 'still there after 25 hours')
    await api.db
      .updateTable('idempotencyKeys')
      .set({ createdAt: new Date(Date.now() - 49 * 3600_000) })
      .where('key', '=', 'k-1')
      .execute()
    await purgeIdempotencyKeys(api.db)
    t.notOk(await api.db.selectFrom('idempotencyKeys').select('key').where('key', '=', 'k-1').executeTakeFirst(), 'gone after 48 hours')
  })
})
