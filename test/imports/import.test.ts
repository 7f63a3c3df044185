import t from 'tap'
import { buildTestApp, type TestApp } from '../helpers/app.js'
import { aPractitioner, aTeam } from '../helpers/builders.js'
import { aCaseLine, ndjson } from './case-line.js'

const importFile = (app: TestApp, body: string, query = '', key?: string) =>
  app.call({ method: 'POST', url: `/imports${query}`, headers: { 'content-type': 'application/x-ndjson' }, payload: body, key })

const familyByRef = async (app: TestApp, value: string) =>
  (await app.call({ method: 'GET', url: `/families?externalRef=${encodeURIComponent(`mosaic|${value}`)}` })).json().items

const requestByRef = async (app: TestApp, value: string) =>
  (await app.call({ method: 'GET', url: `/service-requests?externalRef=${encodeURIComponent(`mosaic|${value}`)}` })).json().items

t.test('a whole case is imported through the services, and a re-run skips it', async (t) => {
  const app = await buildTestApp(t)
  const team = await aTeam(app)
  const practitioner = await aPractitioner(app, team.id, { caseloadCapacity: 30 })
  const line = aCaseLine(team.id, practitioner.id)
  const first = await importFile(app, ndjson([line]))
  t.equal(first.statusCode, 200, first.body)
  t.match(first.json(), { dryRun: false, lines: 1, created: 1, skipped: 0, failed: 0 })
  t.match(first.json().results[0], { line: 1, outcome: 'created', created: { families: 1, serviceRequests: 1, escalations: 1 }, problem: null })

  const [family] = await familyByRef(app, line.family.externalRefs[0].value)
  t.equal(family.id, first.json().results[0].familyId)
  const [request] = await requestByRef(app, line.requests[0].externalRefs[0].value)
  t.equal(request.status, 'ended', 'the intervention’s ending ended the request')
  const allocation = (await app.call({ method: 'GET', url: `/allocations?serviceRequestId=${request.id}` })).json().items[0]
  t.equal(allocation.practitionerId, practitioner.id)
  t.ok(allocation.caseDiscussion && allocation.jointVisit, 'the allocation’s steps were recorded')
  const intervention = (await app.call({ method: 'GET', url: `/interventions?allocationId=${allocation.id}` })).json().items[0]
  const contacts = (await app.call({ method: 'GET', url: `/interventions/${intervention.id}/contacts` })).json().items
  t.equal(contacts.length, 2)
  const escalations = (await app.call({ method: 'GET', url: `/escalations?familyId=${family.id}` })).json().items
  t.equal(escalations.length, 1)

  const again = await importFile(app, ndjson([line]))
  t.match(again.json(), { lines: 1, created: 0, skipped: 1, failed: 0 })
  t.match(again.json().results[0], { outcome: 'skipped', familyId: family.id, created: { families: 0, serviceRequests: 0, escalations: 0 } })
  t.equal((await familyByRef(app, line.family.externalRefs[0].value)).length, 1)
  t.equal((await app.call({ method: 'GET', url: `/escalations?familyId=${family.id}` })).json().items.length, 1, 'no second escalation')
})

t.test('an imported case has the clocks of the same case entered call by call', async (t) => {
  const app = await buildTestApp(t)
  const team = await aTeam(app)
  const practitioner = await aPractitioner(app, team.id, { caseloadCapacity: 30 })
  const line = aCaseLine(team.id, practitioner.id, { allocatedAt: '2027-01-04T09:00:00Z', escalations: [] })
  const res = await importFile(app, ndjson([line]))
  t.match(res.json(), { created: 1, failed: 0 }, res.body)
  const [imported] = await requestByRef(app, line.requests[0].externalRefs[0].value)

  const { decision, allocation, externalRefs: _refs, ...fields } = line.requests[0]
  const family = (
    await app.call({ method: 'POST', url: '/families', payload: { ...line.family, externalRefs: [{ system: 'mosaic', value: 'by-hand' }] } })
  ).json()
  const request = (await app.call({ method: 'POST', url: '/service-requests', payload: { ...fields, familyId: family.id, teamId: team.id } })).json()
  await app.call({ method: 'POST', url: `/service-requests/${request.id}/decision`, payload: decision })
  const { caseDiscussion, jointVisit, intervention, ...allocationFields } = allocation
  const made = (await app.call({ method: 'POST', url: '/allocations', payload: { ...allocationFields, serviceRequestId: request.id } })).json()
  await app.call({ method: 'POST', url: `/allocations/${made.id}/case-discussion`, payload: caseDiscussion })
  await app.call({ method: 'POST', url: `/allocations/${made.id}/joint-visit`, payload: jointVisit })
  const started = (await app.call({ method: 'POST', url: '/interventions', payload: { allocationId: made.id, startedAt: intervention.startedAt } })).json()
  for (const contact of [...intervention.contacts].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt)))
    await app.call({ method: 'POST', url: `/interventions/${started.id}/contacts`, payload: contact })
  await app.call({ method: 'POST', url: `/interventions/${started.id}/reviews`, payload: intervention.reviews[0] })
  const ended = await app.call({ method: 'POST', url: `/interventions/${started.id}/end`, payload: intervention.end })
  t.equal(ended.statusCode, 200, ended.body)

  const clocksOf = async (familyId: string) => {
    const res = await app.call({ method: 'GET', url: `/sla-clocks?familyId=${familyId}&limit=500` })
    t.equal(res.statusCode, 200, res.body)
    return res
      .json()
      .items.map((c: Record<string, unknown>) => `${c.standard} ${c.subjectType} ${c.startedAt} ${c.dueAt} ${c.completedAt} ${c.status}`)
      .sort()
  }
  const byImport = await clocksOf(imported.familyId)
  t.ok(byImport.length >= 5, `the import started the case's clocks (${byImport.length})`)
  t.same(byImport, await clocksOf(family.id))
})

t.test('a line that breaks a rule is reported by line and field, and leaves nothing behind', async (t) => {
  const app = await buildTestApp(t)
  const team = await aTeam(app)
  const practitioner = await aPractitioner(app, team.id, { caseloadCapacity: 30 })
  const good = aCaseLine(team.id, practitioner.id)
  const early = aCaseLine(team.id, practitioner.id, { allocatedAt: '2026-12-01T09:00:00Z' })
  const invalid = aCaseLine(team.id, practitioner.id)
  ;(invalid.requests[0] as Record<string, unknown>).kind = 'a-kind'
  const res = await importFile(app, `${JSON.stringify(good)}\n\n${JSON.stringify(early)}\n{not json\n${JSON.stringify(invalid)}\n`)
  t.equal(res.statusCode, 200, res.body)
  const body = res.json()
  t.match(body, { lines: 4, created: 1, skipped: 0, failed: 3 })
  t.match(body.results[1], {
    line: 3,
    outcome: 'failed',
    familyId: null,
    problem: { type: '/problems/validation-error', errors: [{ in: 'line', field: 'requests[0].allocation.allocatedAt' }] },
  })
  t.match(body.results[1].problem.detail, /^Line 3: requests\[0\]\.allocation: /)
  t.match(body.results[2], { line: 4, outcome: 'failed', problem: { type: '/problems/malformed-request' } })
  t.match(body.results[3], { line: 5, outcome: 'failed', problem: { type: '/problems/validation-error', errors: [{ field: 'requests[0].kind' }] } })
  t.equal((await familyByRef(app, early.family.externalRefs[0].value)).length, 0, 'the failed case’s family was rolled back with it')
  t.equal((await familyByRef(app, good.family.externalRefs[0].value)).length, 1)
})

t.test('a dry run applies every rule and writes nothing', async (t) => {
  const app = await buildTestApp(t)
  const team = await aTeam(app)
  const practitioner = await aPractitioner(app, team.id, { caseloadCapacity: 30 })
  const line = aCaseLine(team.id, practitioner.id)
  const early = aCaseLine(team.id, practitioner.id, { allocatedAt: '2026-12-01T09:00:00Z' })
  const res = await importFile(app, ndjson([line, early]), '?dryRun=true')
  t.match(res.json(), { dryRun: true, created: 1, failed: 1 })
  t.match(res.json().results[1].problem.errors, [{ field: 'requests[0].allocation.allocatedAt' }])
  t.equal((await familyByRef(app, line.family.externalRefs[0].value)).length, 0)
  const events = (await app.call({ method: 'GET', url: '/events?limit=500' })).json().items
  t.notOk(
    events.some((e: { type: string }) => e.type === 'family.created'),
    'no event of the dry run reached the feed',
  )
})

t.test('only admins import; the body is NDJSON', async (t) => {
  const app = await buildTestApp(t)
  const team = await aTeam(app)
  const manager = await app.keyFor('manager')
  t.equal((await importFile(app, ndjson([aCaseLine(team.id, team.id)]), '', manager)).statusCode, 403)
  const json = await app.call({ method: 'POST', url: '/imports', payload: { family: {} } })
  t.equal(json.statusCode, 415)
})
