import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aTeam, familyPayload } from '../helpers/builders.js'

t.test('problem details', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)

  t.test('malformed JSON is a 400 problem, not a 500', async (t) => {
    const res = await api.call({ method: 'POST', url: '/families', headers: { 'content-type': 'application/json' }, payload: '{"teamId": ' })
    t.equal(res.statusCode, 400)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.match(res.json(), { type: '/problems/malformed-request', status: 400, title: String, detail: String })
  })

  t.test('validation errors name each bad field', async (t) => {
    const payload = familyPayload(team.id, { tier: 7, members: [{ givenName: 'Sam', familyName: 'Example', dateOfBirth: '2015-02-30', role: 'child' }] })
    delete (payload as { reference?: string }).reference
    const res = await api.call({ method: 'POST', url: '/families', payload })
    t.equal(res.statusCode, 400)
    const body = res.json()
    t.equal(body.type, '/problems/validation-error')
    const fields = body.errors.map((e: { field: string }) => e.field).sort()
    t.same(fields, ['members[0].dateOfBirth', 'reference', 'tier'])
    t.ok(body.errors.every((e: { in: string; message: string }) => e.in === 'body' && e.message))
  })

  t.test('unknown fields are refused, not dropped', async (t) => {
    const res = await api.call({ method: 'POST', url: '/families', payload: familyPayload(team.id, { nickname: 'x' }) })
    t.equal(res.statusCode, 400)
    t.same(res.json().errors, [{ in: 'body', field: 'nickname', message: 'is not a known field' }])
    const nested = await api.call({
      method: 'POST',
      url: '/families',
      payload: familyPayload(team.id, { leadProfessional: { name: 'Jo', role: 'social_worker', pager: '1' } }),
    })
    t.equal(nested.json().errors[0].field, 'leadProfessional.pager')
  })

  t.test('body types are not coerced', async (t) => {
    const res = await api.call({ method: 'POST', url: '/families', payload: familyPayload(team.id, { tier: '3' }) })
    t.equal(res.statusCode, 400)
    t.equal(res.json().errors[0].field, 'tier')
  })

  t.test('bad query parameters and path ids are named too', async (t) => {
    const limit = await api.call({ method: 'GET', url: '/families?limit=501' })
    t.equal(limit.statusCode, 400)
    t.match(limit.json().errors[0], { in: 'querystring', field: 'limit' })
    const id = await api.call({ method: 'GET', url: '/families/not-a-uuid' })
    t.equal(id.statusCode, 400)
    t.match(id.json().errors[0], { in: 'params', field: 'id' })
    const unknown = await api.call({ method: 'GET', url: '/families?colour=red' })
    t.equal(unknown.statusCode, 400, 'unknown query parameters are refused')
    const asOf = await api.call({ method: 'GET', url: '/families?asOf=yesterday' })
    t.equal(asOf.statusCode, 400)
    t.equal(asOf.json().errors[0].field, 'asOf')
  })

  t.test('a wrong content type is 415; an unknown route is a 404 problem', async (t) => {
    const res = await api.call({ method: 'POST', url: '/families', headers: { 'content-type': 'text/plain' }, payload: 'hello' })
    t.equal(res.statusCode, 415)
    t.equal(res.json().type, '/problems/unsupported-media-type')
    const missing = await api.call({ method: 'GET', url: '/nowhere' })
    t.equal(missing.statusCode, 404)
    t.equal(missing.json().type, '/problems/not-found')
  })

  t.test('a reference to an unknown team is a 422 naming the field, and writes nothing', async (t) => {
    const externalRefs = [{ system: 'mosaic', value: 'UNKNOWN-TEAM-1' }]
    const res = await api.call({ method: 'POST', url: '/families', payload: familyPayload('01890000-0000-7000-8000-000000000000', { externalRefs }) })
    t.equal(res.statusCode, 422)
    t.match(res.json(), {
      type: '/problems/invalid-reference',
      detail: 'teamId: team 01890000-0000-7000-8000-000000000000 does not exist',
      errors: [{ field: 'teamId' }],
    })
    // The reference went with the refused family: another family may take it.
    const found = await api.call({ method: 'GET', url: `/families?externalRef=${encodeURIComponent('mosaic|UNKNOWN-TEAM-1')}` })
    t.same(found.json().items, [])
    const taken = await api.call({ method: 'POST', url: '/families', payload: familyPayload(team.id, { externalRefs }) })
    t.equal(taken.statusCode, 201)
    t.same(taken.json().externalRefs, externalRefs)
  })
})
