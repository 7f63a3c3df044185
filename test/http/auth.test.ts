import t from 'tap'
import { hashKey } from '../../src/http/auth.js'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aTeam } from '../helpers/builders.js'

t.test('access control', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const otherTeam = await aTeam(api)
  const family = await aFamily(api, team.id)
  const otherFamily = await aFamily(api, otherTeam.id)

  t.test('no key is 401 with a problem', async (t) => {
    const res = await api.call({ method: 'GET', url: '/families', key: null })
    t.equal(res.statusCode, 401)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.equal(res.json().type, '/problems/unauthorized')
  })

  t.test('an unknown key is 401', async (t) => {
    const res = await api.call({ method: 'GET', url: '/families', key: 'fwk_not-a-real-key' })
    t.equal(res.statusCode, 401)
  })

  t.test('a malformed Authorization header is 401', async (t) => {
    const res = await api.call({ method: 'GET', url: '/families', key: null, headers: { authorization: 'Basic abc' } })
    t.equal(res.statusCode, 401)
  })

  t.test('health, the contract and the reference page need no key', async (t) => {
    for (const url of ['/health/live', '/health/ready', '/openapi.json', '/docs/']) {
      const res = await api.call({ method: 'GET', url, key: null })
      t.equal(res.statusCode, 200, url)
    }
  })

  t.test('a role that may not is 403', async (t) => {
    const viewer = await api.keyFor('viewer')
    const read = await api.call({ method: 'GET', url: `/families/${family.id}`, key: viewer })
    t.equal(read.statusCode, 200, 'a viewer reads')
    const write = await api.call({ method: 'PATCH', url: `/families/${family.id}`, key: viewer, payload: { tier: 4 } })
    t.equal(write.statusCode, 403)
    t.equal(write.json().type, '/problems/forbidden')
    const practitioner = await api.keyFor('practitioner')
    const teams = await api.call({ method: 'POST', url: '/teams', key: practitioner, payload: { name: 'x', calendarId: 'scotland', standardsPreset: 'trt' } })
    t.equal(teams.statusCode, 403, 'only admins create teams')
    const keys = await api.call({ method: 'GET', url: '/api-keys', key: await api.keyFor('manager') })
    t.equal(keys.statusCode, 403, 'only admins list keys')
  })

  t.test("another team's record is 404 to a team-scoped key", async (t) => {
    const scoped = await api.keyFor('integration', team.id)
    t.equal((await api.call({ method: 'GET', url: `/families/${family.id}`, key: scoped })).statusCode, 200)
    const hidden = await api.call({ method: 'GET', url: `/families/${otherFamily.id}`, key: scoped })
    t.equal(hidden.statusCode, 404)
    t.equal(hidden.json().type, '/problems/not-found')
    const patch = await api.call({ method: 'PATCH', url: `/families/${otherFamily.id}`, key: scoped, payload: { tier: 2 } })
    t.equal(patch.statusCode, 404, 'and cannot be changed')
    const list = await api.call({ method: 'GET', url: '/families', key: scoped })
    t.same(
      list.json().items.map((f: { id: string }) => f.id),
      [family.id],
      'lists show its own team only',
    )
    const elsewhere = await api.call({
      method: 'POST',
      url: '/families',
      key: scoped,
      payload: { teamId: otherTeam.id, reference: 'X', tier: 2, plan: 'none', members: [{ givenName: 'A', familyName: 'B', role: 'child' }] },
    })
    t.equal(elsewhere.statusCode, 422, 'cannot create in another team')
    t.equal(elsewhere.json().errors[0].field, 'teamId')
    const otherTeamRead = await api.call({ method: 'GET', url: `/teams/${otherTeam.id}`, key: scoped })
    t.equal(otherTeamRead.statusCode, 404)
  })

  t.test('every change records the key and the acting user', async (t) => {
    const integration = await api.keyFor('integration')
    const res = await api.call({
      method: 'PATCH',
      url: `/families/${family.id}`,
      key: integration,
      headers: { 'x-acting-user': 'jo.bloggs@council.example' },
      payload: { tier: 4 },
    })
    t.equal(res.statusCode, 200)
    const keyRow = await api.db.selectFrom('apiKeys').select('id').where('keyHash', '=', hashKey(integration)).executeTakeFirstOrThrow()
    const event = await api.db
      .selectFrom('events')
      .selectAll()
      .where('subjectId', '=', family.id)
      .where('type', '=', 'family.updated')
      .executeTakeFirstOrThrow()
    t.equal(event.apiKeyId, keyRow.id)
    t.equal(event.actingUser, 'jo.bloggs@council.example')
    t.ok(event.requestId)
    const row = await api.db.selectFrom('families').select('updatedByKeyId').where('id', '=', family.id).executeTakeFirstOrThrow()
    t.equal(row.updatedByKeyId, keyRow.id)
  })
})
