import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aTeam } from '../helpers/builders.js'

t.test('teams', async (t) => {
  const api = await buildTestApp(t)

  const res = await api.call({
    method: 'POST',
    url: '/teams',
    payload: { name: 'Targeted Response Team', calendarId: 'england-and-wales', standardsPreset: 'trt', caseloadCapacity: 10 },
  })
  t.equal(res.statusCode, 201)
  const team = res.json()
  t.match(team, { name: 'Targeted Response Team', calendarId: 'england-and-wales', standardsPreset: 'trt', caseloadCapacity: 10, version: 1 })
  t.match(team.createdAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'instants in UTC with milliseconds')
  t.equal(res.headers.location, `/teams/${team.id}`)

  const defaults = await aTeam(api, { caseloadCapacity: undefined, calendarId: 'scotland', standardsPreset: 'early-help' })
  t.equal(defaults.caseloadCapacity, 10, 'caseload capacity defaults to 10')

  const unknownCalendar = await api.call({ method: 'POST', url: '/teams', payload: { name: 'X', calendarId: 'wales-only', standardsPreset: 'trt' } })
  t.equal(unknownCalendar.statusCode, 422)
  t.match(unknownCalendar.json(), { type: '/problems/invalid-reference', errors: [{ field: 'calendarId' }] })
  const unknownPreset = await api.call({ method: 'POST', url: '/teams', payload: { name: 'X', calendarId: 'scotland', standardsPreset: 'tier-9' } })
  t.equal(unknownPreset.statusCode, 400)
  t.match(unknownPreset.json().errors[0], { field: 'standardsPreset', message: /trt, targeted-help, level-3, early-help/ })

  const filtered = await api.call({ method: 'GET', url: '/teams?calendarId=scotland' })
  t.same(
    filtered.json().items.map((x: { id: string }) => x.id),
    [defaults.id],
  )

  const patched = await api.call({ method: 'PATCH', url: `/teams/${team.id}`, payload: { standardsPreset: 'level-3', calendarId: 'northern-ireland' } })
  t.equal(patched.statusCode, 200)
  t.match(patched.json(), { standardsPreset: 'level-3', calendarId: 'northern-ireland', version: 2 })
  t.equal((await api.call({ method: 'PATCH', url: `/teams/${team.id}`, payload: {} })).statusCode, 400, 'an empty change is refused')
  t.equal((await api.call({ method: 'GET', url: '/teams/01890000-0000-7000-8000-000000000000' })).statusCode, 404)
})
