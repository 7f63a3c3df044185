import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aPractitioner, aServiceRequest, aTeam, clockOf } from '../helpers/builders.js'
import { until } from '../helpers/until.js'

t.test('a consultation request has its own path: no allocation clock, never allocated, answered by a consultation (000 §9)', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const family = await aFamily(api, team.id)
  const specialist = await aPractitioner(api, team.id, { role: 'specialist', specialism: 'domestic_abuse' })
  const request = await aServiceRequest(api, family.id, team.id, { kind: 'consultation', receivedAt: '2026-12-23T10:00:00Z' })

  t.equal(request.status, 'received')
  t.equal(clockOf(request, 'allocation'), undefined, 'the 3-working-day allocation clock is for direct work only')
  t.equal(request.sla.clocks.length, 0)

  const allocate = await api.call({
    method: 'POST',
    url: '/allocations',
    payload: { serviceRequestId: request.id, practitionerId: specialist.id, allocatedBy: 'TM', allocatedAt: '2026-12-24T09:00:00Z' },
  })
  t.equal(allocate.statusCode, 409, 'a consultation request is never allocated: no joint-visit clock, no no-progress ending')
  t.match(allocate.json().detail, /consultation/)
  const accept = await api.call({ method: 'POST', url: `/service-requests/${request.id}/decision`, payload: { decision: 'accepted', decidedBy: 'TM' } })
  t.equal(accept.statusCode, 409, 'nor accepted for direct work')

  const early = await api.call({
    method: 'POST',
    url: '/consultations',
    payload: { familyId: family.id, teamId: team.id, serviceRequestId: request.id, heldAt: '2026-12-22T10:00:00Z' },
  })
  t.equal(early.statusCode, 400)
  t.equal(early.json().errors[0].field, 'heldAt', 'a consultation cannot answer a request before it arrived')

  const held = await api.call({
    method: 'POST',
    url: '/consultations',
    payload: {
      familyId: family.id,
      teamId: team.id,
      serviceRequestId: request.id,
      practitionerId: specialist.id,
      specialism: 'domestic_abuse',
      heldAt: '2026-12-24T11:00:00Z',
    },
  })
  t.equal(held.statusCode, 201)
  t.match(clockOf(held.json(), 'consultation-recorded'), { dueDate: '2026-12-30' }, 'the consultation’s own 2-working-day recording clock')

  const after = (await api.call({ method: 'GET', url: `/service-requests/${request.id}` })).json()
  t.match(after, { status: 'ended', endedReason: 'consultation_held', endedAt: '2026-12-24T11:00:00.000Z' }, 'the consultation answers the request')
  t.equal(after.sla.clocks.length, 0, 'no clock was left overdue on the request')

  // The feed shows a change once every transaction that began before it has ended: other work may be running.
  const eventsOfRequest = async () =>
    (await api.call({ method: 'GET', url: `/events?limit=100` })).json().items.filter((e: { subjectId: string }) => e.subjectId === request.id)
  await until(async () => (await eventsOfRequest()).some((e: { type: string }) => e.type === 'service-request.ended'))
  const events = await eventsOfRequest()
  t.same(
    events.map((e: { type: string }) => e.type),
    ['service-request.consultation-requested', 'service-request.ended'],
  )
})

t.test('a direct-work request still starts the allocation clock and can be accepted and allocated', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const family = await aFamily(api, team.id)
  const request = await aServiceRequest(api, family.id, team.id)
  t.match(clockOf(request, 'allocation'), { dueDate: '2026-12-30' })
  const accepted = await api.call({ method: 'POST', url: `/service-requests/${request.id}/decision`, payload: { decision: 'accepted', decidedBy: 'TM' } })
  t.equal(accepted.statusCode, 200)
  const again = await api.call({
    method: 'POST',
    url: `/service-requests/${request.id}/decision`,
    payload: { decision: 'declined', decidedBy: 'TM', reason: 'x' },
  })
  t.equal(again.statusCode, 409, 'a request is decided once, while received')
})
