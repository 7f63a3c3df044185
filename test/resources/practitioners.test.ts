import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aPractitioner, aTeam } from '../helpers/builders.js'

t.test('practitioners', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api, { caseloadCapacity: 8 })
  const manager = await api.keyFor('manager', team.id)

  const ana = await aPractitioner(api, team.id, {})
  t.match(ana, { teamId: team.id, role: 'practitioner', caseloadCapacity: 8, specialism: null, active: true }, 'capacity defaults to the team’s')

  const specialist = await api.call({
    method: 'POST',
    url: '/practitioners',
    key: manager,
    payload: { teamId: team.id, name: 'Sol Example', role: 'specialist', specialism: 'domestic_abuse', caseloadCapacity: 6 },
  })
  t.equal(specialist.statusCode, 201, 'a team manager adds people to their team')
  const wrong = await api.call({
    method: 'POST',
    url: '/practitioners',
    payload: { teamId: team.id, name: 'X', role: 'practitioner', specialism: 'mental_health' },
  })
  t.equal(wrong.statusCode, 400)
  t.equal(wrong.json().errors[0].field, 'specialism', 'only specialists have a specialism')
  const practitionerKey = await api.keyFor('practitioner', team.id)
  t.equal(
    (await api.call({ method: 'POST', url: '/practitioners', key: practitionerKey, payload: { teamId: team.id, name: 'X', role: 'practitioner' } })).statusCode,
    403,
  )

  const specialists = await api.call({ method: 'GET', url: `/practitioners?teamId=${team.id}&role=specialist` })
  t.same(
    specialists.json().items.map((p: { name: string }) => p.name),
    ['Sol Example'],
  )

  const left = await api.call({
    method: 'PATCH',
    url: `/practitioners/${ana.id}`,
    key: manager,
    headers: { 'if-match': '"1"' },
    payload: { active: false, caseloadCapacity: 0 },
  })
  t.equal(left.statusCode, 200)
  t.match(left.json(), { active: false, caseloadCapacity: 0, version: 2 })
  const active = await api.call({ method: 'GET', url: '/practitioners?active=true' })
  t.same(
    active.json().items.map((p: { name: string }) => p.name),
    ['Sol Example'],
  )
})
