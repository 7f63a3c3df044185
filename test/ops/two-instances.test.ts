import t from 'tap'
import { buildApp } from '../../src/app.js'
import { runBreachActions } from '../../src/breaches/breach-actions.js'
import { CalendarCache } from '../../src/calendar/index.js'
import { loadConfig } from '../../src/config.js'
import { createDb } from '../../src/db/database.js'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, anAllocation, aPractitioner, aServiceRequest, aTeam, familyPayload } from '../helpers/builders.js'

/** A second instance of the API on the test app's database: its own pool, key cache and calendars. */
async function secondInstance(t: { teardown: (fn: () => unknown) => void }, api: Awaited<ReturnType<typeof buildTestApp>>, now: () => Date) {
  const db = createDb(api.url, { poolSize: 5 })
  const config = loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: api.url, RATE_LIMIT_PER_MINUTE: '0', MAX_EVENT_LOOP_DELAY_MS: '0' })
  const app = await buildApp(config, { db, clock: now, webhooks: api.webhooks })
  await app.ready()
  t.teardown(async () => {
    await app.close()
    await db.destroy()
  })
  return { app, db }
}

t.test('two instances on one database', async (t) => {
  let now = '2027-01-05T10:00:00Z'
  const clock = () => new Date(now)
  const api = await buildTestApp(t, { now: clock })
  const other = await secondInstance(t, api, clock)
  const auth = { authorization: `Bearer ${api.adminKey}` }
  const team = await aTeam(api)

  t.test('an idempotency key holds across instances, also when both get the retry at once', async (t) => {
    const payload = familyPayload(team.id, { reference: 'TWO-1' })
    const headers = { ...auth, 'idempotency-key': 'two-instances-1' }
    const [first, second] = await Promise.all([
      api.call({ method: 'POST', url: '/families', payload, headers }),
      other.app.inject({ method: 'POST', url: '/families', payload, headers }),
    ])
    const statuses = [first.statusCode, second.statusCode].sort()
    t.ok(
      statuses[0] === 201 && (statuses[1] === 201 || statuses[1] === 409),
      `one created it; the other replayed it or was told it is in flight (${statuses.join(', ')})`,
    )
    const retried = await other.app.inject({ method: 'POST', url: '/families', payload, headers })
    t.equal(retried.statusCode, 201)
    const created = [first, second].find((r) => r.statusCode === 201)?.json()
    t.equal(retried.json().id, created.id, 'the retry on the other instance replays the same family')
    const rows = await api.db.selectFrom('families').select('id').where('reference', '=', 'TWO-1').execute()
    t.equal(rows.length, 1, 'one family written')
  })

  t.test('the feed reads the same from both', async (t) => {
    await aFamily(api, team.id)
    const read = async (inject: typeof other.app.inject) => (await inject({ method: 'GET', url: '/events?limit=100', headers: auth })).json()
    const a = await read(api.app.inject.bind(api.app))
    const b = await read(other.app.inject.bind(other.app))
    t.ok(a.items.length > 0)
    t.same(b, a, 'the same events, positions and cursor')
  })

  t.test('breach actions run on both at once act once', async (t) => {
    const family = await aFamily(api, team.id)
    const worker = await aPractitioner(api, team.id)
    const request = await aServiceRequest(api, family.id, team.id, { receivedAt: '2027-01-04T09:00:00Z' })
    await anAllocation(api, request.id, worker.id, { allocatedAt: '2027-01-05T09:00:00Z' })
    const at = new Date('2027-01-21T08:00:00Z')
    const acted = await Promise.all([
      runBreachActions(api.db, at, { graceWorkingDays: 0, calendars: api.app.calendars }),
      runBreachActions(other.db, at, { graceWorkingDays: 0, calendars: new CalendarCache() }),
    ])
    t.equal(acted[0] + acted[1], 1, `one of the two acted (${acted.join(', ')})`)
    now = '2027-01-21T09:00:00Z'
    const ended = await api.db.selectFrom('events').select('id').where('type', '=', 'service-request.ended').where('subjectId', '=', request.id).execute()
    t.equal(ended.length, 1, 'one ending recorded')
    t.match((await other.app.inject({ method: 'GET', url: `/service-requests/${request.id}`, headers: auth })).json(), {
      status: 'ended',
      endedReason: 'no_progress',
    })
  })
})
