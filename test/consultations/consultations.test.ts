import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aPractitioner, aTeam, clockOf } from '../helpers/builders.js'

t.test('specialist consultations and their 2-working-day clocks', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const family = await aFamily(api, team.id)
  const specialist = await aPractitioner(api, team.id, { role: 'specialist', specialism: 'substance_misuse' })

  const res = await api.call({
    method: 'POST',
    url: '/consultations',
    payload: {
      familyId: family.id,
      teamId: team.id,
      practitionerId: specialist.id,
      specialism: 'substance_misuse',
      heldAt: '2026-12-24T11:00:00Z',
      attendees: ['Sol', 'Jo'],
    },
  })
  t.equal(res.statusCode, 201)
  const held = res.json()
  t.equal(held.status, 'held')
  t.match(
    clockOf(held, 'consultation-recorded'),
    { dueDate: '2026-12-30', status: 'overdue' },
    'held Thu 24 Dec: Tue 29, Wed 30 (Christmas and Boxing Day skipped)',
  )

  const recorded = await api.call({
    method: 'POST',
    url: `/consultations/${held.id}/record`,
    payload: { recordedAt: '2026-12-29T16:00:00Z', recommendations: 'Refer to the young people’s substance misuse service' },
  })
  t.equal(recorded.statusCode, 200)
  t.match(clockOf(recorded.json(), 'consultation-recorded'), { status: 'met' })
  t.match(clockOf(recorded.json(), 'supervisor-discussion'), { dueDate: '2026-12-31', completedAt: null }, 'recorded Tue 29: Wed 30, Thu 31')

  const discussed = await api.call({ method: 'POST', url: `/consultations/${held.id}/supervisor-discussion`, payload: { discussedAt: '2027-01-04T10:00:00Z' } })
  t.match(discussed.json(), { status: 'discussed' })
  t.match(clockOf(discussed.json(), 'supervisor-discussion'), { status: 'met_late' })
  t.equal(discussed.json().sla.status, 'met_late')

  t.equal(
    (await api.call({ method: 'POST', url: `/consultations/${held.id}/record`, payload: { recommendations: 'again' } })).statusCode,
    409,
    'steps go in order, once',
  )
  const early = await api.call({ method: 'POST', url: '/consultations', payload: { familyId: family.id, teamId: team.id, heldAt: '2026-12-24T11:00:00Z' } })
  const beforeHeld = await api.call({
    method: 'POST',
    url: `/consultations/${early.json().id}/record`,
    payload: { recordedAt: '2026-12-20T10:00:00Z', recommendations: 'x' },
  })
  t.equal(beforeHeld.statusCode, 400)
  t.equal(beforeHeld.json().errors[0].field, 'recordedAt')
})
