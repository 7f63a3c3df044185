import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aTeam } from '../helpers/builders.js'

t.test('the audit trail has an entry for a read and for a change, with key, acting user and request id', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const family = await aFamily(api, team.id)
  const viewer = await api.keyFor('viewer')
  const viewerId = (await api.db.selectFrom('apiKeys').select('id').where('role', '=', 'viewer').executeTakeFirstOrThrow()).id
  const read = await api.call({
    method: 'GET',
    url: `/families/${family.id}`,
    key: viewer,
    headers: { 'x-acting-user': 'viewer.person', 'x-request-id': 'read-req-1' },
  })
  t.equal(read.statusCode, 200)
  const changed = await api.call({
    method: 'PATCH',
    url: `/families/${family.id}`,
    payload: { tier: 4 },
    headers: { 'x-acting-user': 'admin.person', 'x-request-id': 'change-req-1' },
  })
  t.equal(changed.statusCode, 200)

  const trail = (await api.call({ method: 'GET', url: `/audit-events?familyId=${family.id}` })).json()
  t.match(
    trail.items.find((e: { requestId: string }) => e.requestId === 'read-req-1'),
    { kind: 'read', apiKeyId: viewerId, actingUser: 'viewer.person', action: 'GET /families/:id', familyId: family.id },
  )
  t.match(
    trail.items.find((e: { requestId: string }) => e.requestId === 'change-req-1'),
    { kind: 'change', actingUser: 'admin.person', action: 'family.updated', changes: { tier: 4 } },
  )
  t.notOk(JSON.stringify(trail).includes('Sam'), 'no names in the trail')

  const byKey = (await api.call({ method: 'GET', url: `/audit-events?apiKeyId=${viewerId}` })).json()
  t.same(
    byKey.items.map((e: { kind: string }) => e.kind),
    ['read'],
  )
  const paged = (await api.call({ method: 'GET', url: `/audit-events?familyId=${family.id}&limit=1` })).json()
  const next = (await api.call({ method: 'GET', url: `/audit-events?familyId=${family.id}&limit=1&cursor=${paged.nextCursor}` })).json()
  t.not(next.items[0].id, paged.items[0].id, 'the cursor moves on')
  t.equal((await api.call({ method: 'GET', url: '/audit-events?from=2099-01-01T00:00:00Z' })).json().items.length, 0, 'filter by time')
  t.equal((await api.call({ method: 'GET', url: '/audit-events', key: viewer })).statusCode, 403, 'not for viewers')
  await t.rejects(api.db.deleteFrom('auditReads').execute(), /append-only/, 'append-only')
  await t.rejects(api.db.updateTable('events').set({ type: 'x' }).execute(), /append-only/)
})
