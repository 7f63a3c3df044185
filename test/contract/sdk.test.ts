import type { AddressInfo } from 'node:net'
import t from 'tap'
import { createApiClient } from '../../openapi/client.js'
import { buildTestApp } from '../helpers/app.js'

t.test('the generated SDK drives the running API', async (t) => {
  const api = await buildTestApp(t)
  await api.app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = api.app.server.address() as AddressInfo
  const client = createApiClient({ baseUrl: `http://127.0.0.1:${port}`, headers: { authorization: `Bearer ${api.adminKey}` } })

  const team = await client.POST('/teams', {
    body: { name: 'Targeted Response Team', calendarId: 'england-and-wales', standardsPreset: 'trt', caseloadCapacity: 10 },
  })
  t.equal(team.response.status, 201)
  const teamId = team.data!.id

  const family = await client.POST('/families', {
    params: { header: { 'idempotency-key': 'sdk-family-1' } },
    body: {
      teamId,
      reference: 'FAM-SDK',
      tier: 3,
      plan: 'child_in_need',
      externalRefs: [{ system: 'mosaic', value: 'SDK-1' }],
      members: [{ givenName: 'Sam', familyName: 'Example', dateOfBirth: '2015-03-01', role: 'child' }],
    },
  })
  t.equal(family.response.status, 201)
  t.equal(family.data?.sla.status, 'none')
  const etag = family.response.headers.get('etag')!
  t.equal(etag, '"1"')

  const found = await client.GET('/families', { params: { query: { externalRef: 'mosaic|SDK-1' } } })
  t.same(
    found.data?.items.map((f) => f.id),
    [family.data!.id],
  )

  const changed = await client.PATCH('/families/{id}', { params: { path: { id: family.data!.id }, header: { 'if-match': etag } }, body: { tier: 4 } })
  t.equal(changed.data?.tier, 4)
  t.equal(changed.data?.version, 2)

  const stale = await client.PATCH('/families/{id}', { params: { path: { id: family.data!.id }, header: { 'if-match': etag } }, body: { tier: 2 } })
  t.equal(stale.response.status, 412)
  t.equal(stale.error?.type, '/problems/precondition-failed')

  const anonymous = createApiClient({ baseUrl: `http://127.0.0.1:${port}` })
  const refused = await anonymous.GET('/families/{id}', { params: { path: { id: family.data!.id } } })
  t.equal(refused.response.status, 401)
})
