import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aTeam } from '../helpers/builders.js'

t.test('versions, ETags and If-Match', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const family = await aFamily(api, team.id)

  const read = await api.call({ method: 'GET', url: `/families/${family.id}` })
  t.equal(read.headers.etag, '"1"')
  t.equal(read.json().version, 1)

  const changed = await api.call({ method: 'PATCH', url: `/families/${family.id}`, headers: { 'if-match': '"1"' }, payload: { plan: 'child_protection' } })
  t.equal(changed.statusCode, 200)
  t.equal(changed.headers.etag, '"2"')
  t.equal(changed.json().version, 2)

  const stale = await api.call({ method: 'PATCH', url: `/families/${family.id}`, headers: { 'if-match': '"1"' }, payload: { plan: 'none', tier: 2 } })
  t.equal(stale.statusCode, 412)
  t.equal(stale.json().type, '/problems/precondition-failed')
  const after = (await api.call({ method: 'GET', url: `/families/${family.id}` })).json()
  t.equal(after.plan, 'child_protection', 'a stale change changes nothing')
  t.equal(after.tier, family.tier)
  t.equal(after.version, 2)
  const events = await api.db.selectFrom('events').select('type').where('subjectId', '=', family.id).execute()
  t.same(
    events.map((e) => e.type),
    ['family.created', 'family.updated'],
    'and records no event',
  )

  const weak = await api.call({ method: 'PATCH', url: `/families/${family.id}`, headers: { 'if-match': 'W/"2"' }, payload: { tier: 2 } })
  t.equal(weak.statusCode, 412, 'a weak tag never matches: If-Match compares strongly (RFC 9110)')
  const listed = await api.call({ method: 'PATCH', url: `/families/${family.id}`, headers: { 'if-match': '"7", "2"' }, payload: { tier: 2 } })
  t.equal(listed.statusCode, 200, 'a list naming the current ETag matches')
  t.equal(listed.headers.etag, '"3"')
  const any = await api.call({ method: 'PATCH', url: `/teams/${team.id}`, headers: { 'if-match': '*' }, payload: { name: 'Renamed' } })
  t.equal(any.statusCode, 200, '* matches any version')
  const teamVersion = any.json().version
  for (const header of ['yesterday', '"x2"', `"0${teamVersion}"`, `W/"${teamVersion}"`, '"1", W/"9"', `"${teamVersion}`, '', ` , `, '*, "1"']) {
    const refused = await api.call({ method: 'PATCH', url: `/teams/${team.id}`, headers: { 'if-match': header }, payload: { name: 'Again' } })
    t.equal(refused.statusCode, 412, `If-Match ${JSON.stringify(header)} matches nothing: 412, not 400`)
    t.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8')
  }
  t.equal((await api.call({ method: 'GET', url: `/teams/${team.id}` })).json().name, 'Renamed', 'none of them changed the team')
  const staleTeam = await api.call({ method: 'PATCH', url: `/teams/${team.id}`, headers: { 'if-match': '"1"' }, payload: { name: 'Lost update' } })
  t.equal(staleTeam.statusCode, 412, 'teams are guarded the same way')
})
