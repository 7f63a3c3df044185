import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { anAllocatedCase, clockOf } from '../helpers/builders.js'

t.test('a late reason is sent as `reason`; `lateReason` still works, announced as deprecated', async (t) => {
  const api = await buildTestApp(t, { now: '2027-01-11T12:00:00Z' })
  const lateClock = async () => {
    // Received 23 December, allocation due 30 December, allocated on the 31st: met late.
    const { request } = await anAllocatedCase(api)
    const clock = clockOf((await api.call({ method: 'GET', url: `/service-requests/${request.id}` })).json(), 'allocation')
    t.equal(clock?.status, 'met_late')
    return clock!.id as string
  }
  const record = (clockId: string, payload: object) => api.call({ method: 'POST', url: `/sla-clocks/${clockId}/late-reason`, payload })

  const current = await record(await lateClock(), { reason: 'Team manager on leave over Christmas' })
  t.equal(current.statusCode, 200)
  t.equal(current.json().lateReason, 'Team manager on leave over Christmas')
  t.equal(current.headers.deprecation, undefined, 'no deprecation headers for the current name')

  const old = await record(await lateClock(), { lateReason: 'Awaiting a worker' })
  t.equal(old.statusCode, 200)
  t.equal(old.json().lateReason, 'Awaiting a worker', 'the alias records the same reason')
  t.equal(old.headers.deprecation, `@${Date.parse('2026-11-29T00:00:00Z') / 1000}`, 'Deprecation: when the alias was deprecated')
  t.equal(old.headers.sunset, new Date('2027-06-01T00:00:00Z').toUTCString(), 'Sunset: the earliest removal')

  const clockId = await lateClock()
  const both = await record(clockId, { reason: 'a', lateReason: 'b' })
  t.equal(both.statusCode, 400)
  t.match(both.json().errors, [{ field: 'lateReason' }], 'both names: refused, naming the alias')
  const neither = await record(clockId, {})
  t.equal(neither.statusCode, 400)
  t.match(neither.json().errors, [{ field: 'reason' }], 'no reason: refused, naming reason')
  t.equal((await api.call({ method: 'GET', url: `/sla-clocks/${clockId}` })).json().lateReason, null, 'nothing recorded by a refused request')
})

t.test('the contract marks the alias deprecated', async (t) => {
  const api = await buildTestApp(t)
  const document = (await api.call({ method: 'GET', url: '/openapi.json' })).json()
  const schema = document.components.schemas.LateReason
  t.equal(schema.properties.lateReason.deprecated, true)
  t.notOk(schema.properties.reason.deprecated)
})
