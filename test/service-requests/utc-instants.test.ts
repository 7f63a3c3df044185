import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aServiceRequest, aTeam } from '../helpers/builders.js'

t.test('instants sent with an offset are returned in UTC, in JSON fields as in columns', async (t) => {
  const api = await buildTestApp(t, { now: '2027-01-11T12:00:00Z' })
  const team = await aTeam(api)
  const family = await aFamily(api, team.id)
  const created = await aServiceRequest(api, family.id, team.id, {
    receivedAt: '2026-12-23T12:00:00+02:00',
    consent: { given: true, recordedAt: '2026-12-22T09:30:00-05:00', recordedBy: 'Jo Example' },
  })
  t.equal(created.receivedAt, '2026-12-23T10:00:00.000Z')
  t.equal(created.consent.recordedAt, '2026-12-22T14:30:00.000Z', 'consent.recordedAt in UTC, not as sent')
  const read = (await api.call({ method: 'GET', url: `/service-requests/${created.id}` })).json()
  t.equal(read.consent.recordedAt, '2026-12-22T14:30:00.000Z', 'and so when read back')

  const decided = await api.call({
    method: 'POST',
    url: `/service-requests/${created.id}/decision`,
    payload: { decision: 'accepted', decidedAt: '2026-12-24T09:00:00+01:00', decidedBy: 'Team manager' },
  })
  t.equal(decided.statusCode, 200)
  t.equal(decided.json().decision.decidedAt, '2026-12-24T08:00:00.000Z')
})
