import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, anAllocation, aPractitioner, aServiceRequest, aTeam } from '../helpers/builders.js'

t.test('a list page loads its clocks in one query, whatever its size', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const family = await aFamily(api, team.id)
  const worker = await aPractitioner(api, team.id, { caseloadCapacity: 100 })
  for (let i = 0; i < 12; i++) {
    const request = await aServiceRequest(api, family.id, team.id)
    if (i % 2 === 0) await anAllocation(api, request.id, worker.id)
  }
  const pageOf = (path: string, limit: number) => api.countQueries(() => api.call({ method: 'GET', url: `${path}?limit=${limit}` }))
  for (const path of ['/service-requests', '/allocations', '/families', '/breaches']) {
    const small = await pageOf(path, 2)
    const large = await pageOf(path, 12)
    t.equal(large, small, `${path}: ${small} queries for 2 items and for 12`)
  }
  t.ok((await pageOf('/service-requests', 12)) <= 6, 'and only a handful: auth, the page, references, clocks, calendars, the audit of the read')
})
