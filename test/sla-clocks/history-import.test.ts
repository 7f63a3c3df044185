import t from 'tap'
import { runBreachActions } from '../../src/breaches/breach-actions.js'
import { buildTestApp, TEST_NOW } from '../helpers/app.js'
import { aFamily, anAllocation, anIntervention, aPractitioner, aServiceRequest, aTeam, clockOf, contactPayload } from '../helpers/builders.js'

const verdicts = (resource: { sla: { clocks: { standard: string; status: string }[] } }) => resource.sla.clocks.map((c) => `${c.standard}:${c.status}`)

t.test('a case system enters months of history, step by step, without the service ending it half-way', async (t) => {
  // The queue runs as in production; breaches are acted on once known for 1 working day (the default grace).
  const api = await buildTestApp(t, { jobs: true })
  const team = await aTeam(api)
  const worker = await aPractitioner(api, team.id, { caseloadCapacity: 20 })
  const family = await aFamily(api, team.id)
  const post = (url: string, payload: object) => api.call({ method: 'POST', url, payload })

  const request = await aServiceRequest(api, family.id, team.id, { receivedAt: '2026-11-02T09:00:00Z' })
  t.match(clockOf(request, 'allocation'), { dueDate: '2026-11-05', status: 'overdue', recordedAfterDue: true }, 'recorded already overdue, and it says so')
  t.equal(
    (await post(`/service-requests/${request.id}/decision`, { decision: 'accepted', decidedBy: 'TM', decidedAt: '2026-11-03T10:00:00Z' })).statusCode,
    200,
  )
  const allocation = await anAllocation(api, request.id, worker.id, { allocatedAt: '2026-11-04T10:00:00Z' })
  t.match(clockOf(allocation, 'planning-progress'), { dueDate: '2026-11-18', status: 'overdue', recordedAfterDue: true })

  // The queue was asked to act at once (the clock was past due when recorded); give it time to run.
  await new Promise((resolve) => setTimeout(resolve, 2500))
  t.equal((await api.call({ method: 'GET', url: `/service-requests/${request.id}` })).json().status, 'allocated', 'the queue has run: the request is not ended')
  t.equal(
    await runBreachActions(api.db, new Date(Date.parse(TEST_NOW) + 3_600_000), { graceWorkingDays: 1, calendars: api.app.calendars }),
    0,
    'an hour on, still within the grace period',
  )

  t.equal((await post(`/allocations/${allocation.id}/case-discussion`, { heldAt: '2026-11-09T14:00:00Z' })).statusCode, 200)
  t.equal(
    (
      await post(`/allocations/${allocation.id}/joint-visit`, {
        heldAt: '2026-11-16T10:00:00Z',
        workingTogetherAgreement: 'Weekly visits',
        dangerStatements: ['x'],
        safetyGoals: ['y'],
      })
    ).statusCode,
    200,
  )
  const intervention = await anIntervention(api, allocation.id, '2026-11-17T10:00:00Z')
  for (const at of ['2026-11-20T10:00:00Z', '2026-11-26T10:00:00Z', '2026-12-10T10:00:00Z'])
    t.equal((await post(`/interventions/${intervention.id}/contacts`, contactPayload(at))).statusCode, 201)
  t.equal((await post(`/interventions/${intervention.id}/audits`, { kind: 'first', recordedAt: '2026-12-10T15:00:00Z', auditor: 'SP' })).statusCode, 200)
  t.equal((await post(`/interventions/${intervention.id}/reviews`, { heldAt: '2027-01-20T10:00:00Z', decision: 'continue' })).statusCode, 200)

  t.same(
    verdicts((await api.call({ method: 'GET', url: `/allocations/${allocation.id}` })).json()).sort(),
    ['case-discussion:met', 'joint-visit:met', 'planning-progress:met'],
    'every step in time, as the history says',
  )
  t.same(verdicts((await api.call({ method: 'GET', url: `/service-requests/${request.id}` })).json()), ['allocation:met'])
  const now = (await api.call({ method: 'GET', url: `/interventions/${intervention.id}` })).json()
  t.same(
    verdicts(now).filter((v) => v.startsWith('weekly-contact')),
    ['weekly-contact:met', 'weekly-contact:met', 'weekly-contact:met_late', 'weekly-contact:overdue'],
    'contacts on 20 and 26 November in time, 10 December late, none since',
  )
  t.match(clockOf(now, 'first-audit'), { status: 'met' })
  t.match(clockOf(now, 'initial-review'), { status: 'met' })
  t.equal(
    await runBreachActions(api.db, new Date('2027-02-05T12:00:00Z'), { graceWorkingDays: 1, calendars: api.app.calendars }),
    0,
    'nothing to act on: planning progressed in time',
  )
  t.equal((await api.call({ method: 'GET', url: `/service-requests/${request.id}` })).json().status, 'allocated')
})

t.test('history with no planning progress is acted on once the breach has been known for the grace period', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const worker = await aPractitioner(api, team.id)
  const family = await aFamily(api, team.id)
  const request = await aServiceRequest(api, family.id, team.id, { receivedAt: '2026-11-02T09:00:00Z' })
  await anAllocation(api, request.id, worker.id, { allocatedAt: '2026-11-04T10:00:00Z' })
  // Known from now, Monday 1 February 2027 12:00: acted on from Tuesday 2 February 12:00.
  t.equal(await runBreachActions(api.db, new Date('2027-02-02T11:59:59.999Z'), { graceWorkingDays: 1, calendars: api.app.calendars }), 0)
  t.equal(await runBreachActions(api.db, new Date('2027-02-02T12:00:00Z'), { graceWorkingDays: 1, calendars: api.app.calendars }), 1)
  t.match((await api.call({ method: 'GET', url: `/service-requests/${request.id}` })).json(), { status: 'ended', endedReason: 'no_progress' })
})
