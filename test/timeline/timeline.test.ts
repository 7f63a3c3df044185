import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, anAllocation, aPractitioner, aServiceRequest, aTeam } from '../helpers/builders.js'

t.test('a family’s story in one call: in order, paginated, filterable, team-scoped and audited', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const other = await aTeam(api)
  const family = await aFamily(api, team.id)
  const elsewhere = await aFamily(api, other.id)
  const worker = await aPractitioner(api, team.id)
  const request = await aServiceRequest(api, family.id, team.id, { receivedAt: '2026-12-21T10:00:00Z' })
  await aServiceRequest(api, elsewhere.id, other.id)
  await anAllocation(api, request.id, worker.id, { allocatedAt: '2026-12-23T09:00:00Z' })
  const alloc = (await api.call({ method: 'GET', url: `/allocations?serviceRequestId=${request.id}` })).json().items[0]
  await api.call({ method: 'POST', url: `/allocations/${alloc.id}/case-discussion`, payload: { heldAt: '2026-12-29T09:00:00Z' } })

  const all = await api.call({ method: 'GET', url: `/families/${family.id}/timeline?limit=500`, headers: { 'x-request-id': 'timeline-read-1' } })
  t.equal(all.statusCode, 200)
  const items = all.json().items as { type: string; occurredAt: string; kind: string }[]
  const times = items.map((e) => e.occurredAt)
  t.same(times, [...times].sort(), 'in the order things happened')
  const types = items.map((e) => e.type)
  for (const type of [
    'family.created',
    'service-request.received',
    'consent.recorded',
    'service-request.allocated',
    'allocation.created',
    'allocation.case-discussion-held',
  ])
    t.ok(types.includes(type), `has ${type}`)
  t.notOk(
    items.some((e) => JSON.stringify(e).includes(elsewhere.id)),
    'nothing of another family',
  )

  const firstPage = (await api.call({ method: 'GET', url: `/families/${family.id}/timeline?limit=2` })).json()
  t.equal(firstPage.items.length, 2)
  const secondPage = (await api.call({ method: 'GET', url: `/families/${family.id}/timeline?limit=2&cursor=${firstPage.nextCursor}` })).json()
  t.same(
    [...firstPage.items, ...secondPage.items].map((e: { eventId: string }) => e.eventId),
    items.slice(0, 4).map((e) => (e as unknown as { eventId: string }).eventId),
    'the cursor continues where the page ended',
  )
  t.equal((await api.call({ method: 'GET', url: `/families/${family.id}/timeline?cursor=nonsense` })).statusCode, 400)

  const allocations = (await api.call({ method: 'GET', url: `/families/${family.id}/timeline?kind=allocation` })).json().items
  t.ok(allocations.length >= 2)
  t.ok(
    allocations.every((e: { kind: string }) => e.kind === 'allocation'),
    'filtered by kind',
  )

  const otherKey = await api.keyFor('viewer', other.id)
  t.equal((await api.call({ method: 'GET', url: `/families/${family.id}/timeline`, key: otherKey })).statusCode, 404, 'team-scoped')

  const trail = (await api.call({ method: 'GET', url: `/audit-events?familyId=${family.id}` })).json()
  t.match(
    trail.items.find((e: { requestId: string }) => e.requestId === 'timeline-read-1'),
    { kind: 'read', action: 'GET /families/:id/timeline', familyId: family.id },
    'audited as a read of the family’s record',
  )
})
