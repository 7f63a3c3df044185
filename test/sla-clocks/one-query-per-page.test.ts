import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, anAllocation, aPractitioner, aServiceRequest, aTeam } from '../helpers/builders.js'

t.test('a list page loads its clocks in one query, whatever its size', async (t) => {
  // Every request looks its key up, so that the counts do not depend on the key cache's timing.
  const api = await buildTestApp(t, { env: { API_KEY_CACHE_MS: '0' } })
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
  t.ok((await pageOf('/service-requests', 12)) <= 5, 'and only a handful: auth, the page, references, clocks with their calendars, the audit of the read')
})

t.test('a read with an SLA block reads its calendars with its clocks, not again', async (t) => {
  const api = await buildTestApp(t, { env: { API_KEY_CACHE_MS: '60000' } })
  const team = await aTeam(api)
  const family = await aFamily(api, team.id)
  const request = await aServiceRequest(api, family.id, team.id)
  for (const url of [`/families/${family.id}`, `/service-requests/${request.id}`]) {
    await api.call({ method: 'GET', url })
    const sql = await api.queriesOf(() => api.call({ method: 'GET', url }))
    t.notOk(
      sql.some((q) => /^select .* from "calendars"/i.test(q)),
      `${url}: no query of its own for the calendars (${sql.length} queries)`,
    )
    t.ok(
      sql.some((q) => /from "sla_clocks" inner join "calendars"/i.test(q)),
      'the calendars come joined to the clocks',
    )
    t.equal(
      sql.length,
      2,
      `${url}: the record with its references and clocks in one statement, then the read's log (${sql.map((q) => q.slice(0, 40)).join(' | ')})`,
    )
  }
})
