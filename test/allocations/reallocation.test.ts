import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { accepted, aFamily, anAllocation, aPractitioner, aServiceRequest, aTeam, clockOf } from '../helpers/builders.js'

t.test('a request whose allocation ended returns to accepted and is allocated again, its history and clocks kept (000 §8)', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const family = await aFamily(api, team.id)
  const first = await aPractitioner(api, team.id, { name: 'Ana Example' })
  const second = await aPractitioner(api, team.id, { name: 'Bea Example' })
  const request = await aServiceRequest(api, family.id, team.id)
  const allocation = await anAllocation(api, request.id, first.id, { allocatedAt: '2026-12-24T09:00:00Z' })

  const ended = await api.call({
    method: 'POST',
    url: `/allocations/${allocation.id}/end`,
    payload: { endedAt: '2027-01-05T09:00:00Z', reason: 'practitioner_left' },
  })
  t.equal(ended.statusCode, 200)
  t.match(clockOf(ended.json(), 'case-discussion'), { status: 'cancelled' }, 'the ended allocation’s own clocks close')

  const reopened = (await api.call({ method: 'GET', url: `/service-requests/${request.id}` })).json()
  t.equal(reopened.status, 'accepted', 'the request returns to accepted')
  t.match(clockOf(reopened, 'allocation'), { status: 'met' }, 'the first allocation’s verdict is kept')
  t.match(clockOf(reopened, 'reallocation'), { dueDate: '2027-01-08', completedAt: null }, 'ended Tue 5 Jan: 3 working days to Fri 8 Jan')

  const tooEarly = await api.call({
    method: 'POST',
    url: '/allocations',
    payload: { serviceRequestId: request.id, practitionerId: second.id, allocatedBy: 'TM', allocatedAt: '2027-01-04T09:00:00Z' },
  })
  t.equal(tooEarly.statusCode, 400)
  t.equal(tooEarly.json().errors[0].field, 'allocatedAt', 'not before the last allocation ended')

  const again = await anAllocation(api, request.id, second.id, { allocatedAt: '2027-01-07T09:00:00Z' })
  t.match(clockOf(again, 'case-discussion'), { dueDate: '2027-01-14' }, 'the new allocation starts its own clocks')
  const allocated = (await api.call({ method: 'GET', url: `/service-requests/${request.id}` })).json()
  t.equal(allocated.status, 'allocated')
  t.match(clockOf(allocated, 'reallocation'), { status: 'met' })

  const history = (await api.call({ method: 'GET', url: `/allocations?serviceRequestId=${request.id}` })).json().items
  t.same(
    history.map((a: { practitionerId: string; status: string }) => [a.practitionerId, a.status]),
    [
      [first.id, 'ended'],
      [second.id, 'active'],
    ],
    'both allocations are kept',
  )
})

t.test('a reallocation not made in time is missed when the request is withdrawn late', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api, { standardsPreset: 'level-3' })
  const family = await aFamily(api, team.id)
  const worker = await aPractitioner(api, team.id)
  const request = await aServiceRequest(api, family.id, team.id)
  await accepted(api, request.id)
  const allocation = await anAllocation(api, request.id, worker.id, { allocatedAt: '2026-12-24T09:00:00Z' })
  await api.call({ method: 'POST', url: `/allocations/${allocation.id}/end`, payload: { endedAt: '2027-01-04T09:00:00Z', reason: 'moved' } })
  const reopened = (await api.call({ method: 'GET', url: `/service-requests/${request.id}` })).json()
  t.match(clockOf(reopened, 'reallocation'), { dueDate: '2027-01-10' }, 'Level 3: 6 days from Mon 4 Jan')
  const withdrawn = await api.call({
    method: 'POST',
    url: `/service-requests/${request.id}/withdraw`,
    payload: { withdrawnAt: '2027-01-12T09:00:00Z', reason: 'family moved away' },
  })
  t.equal(withdrawn.statusCode, 200)
  t.match(clockOf(withdrawn.json(), 'reallocation'), { status: 'missed' })
})
