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
  t.equal(weak.statusCode, 200, 'a weak ETag of the current version is accepted')
  const any = await api.call({ method: 'PATCH', url: `/teams/${team.id}`, headers: { 'if-match': '*' }, payload: { name: 'Renamed' } })
  t.equal(any.statusCode, 200, '* matches any version')
  const garbage = await api.call({ method: 'PATCH', url: `/teams/${team.id}`, headers: { 'if-match': 'yesterday' }, payload: { name: 'Again' } })
  t.equal(garbage.statusCode, 400)
  t.match(garbage.json().errors[0], { in: 'headers', field: 'If-Match' })
  const staleTeam = await api.call({ method: 'PATCH', url: `/teams/${team.id}`, headers: { 'if-match': '"1"' }, payload: { name: 'Lost update' } })
  t.equal(staleTeam.statusCode, 412, 'teams are guarded the same way')
})
