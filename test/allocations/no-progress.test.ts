import t from 'tap'
import { runBreachActions } from '../../src/breaches/breach-actions.js'
import { buildTestApp, TEST_NOW } from '../helpers/app.js'
import { aFamily, anAllocation, aPractitioner, aServiceRequest, aTeam, clockOf } from '../helpers/builders.js'

t.test('no planning progress 10 working days after allocation ends the request', async (t) => {
  // Recorded as it happens: the service knows of the allocation from the day it was made.
  let now = '2027-01-05T10:00:00Z'
  const api = await buildTestApp(t, { now: () => new Date(now) })
  const team = await aTeam(api)
  const family = await aFamily(api, team.id)
  const worker = await aPractitioner(api, team.id)
  const request = await aServiceRequest(api, family.id, team.id, { receivedAt: '2027-01-04T09:00:00Z' })
  const allocation = await anAllocation(api, request.id, worker.id, { allocatedAt: '2027-01-05T09:00:00Z' })
  t.match(clockOf(allocation, 'planning-progress'), { dueDate: '2027-01-19', dueAt: '2027-01-19T23:59:59.999Z' })

  const act = (at: string, grace = 0) => runBreachActions(api.db, new Date(at), { graceWorkingDays: grace, calendars: api.app.calendars })
  t.equal(await act('2027-01-19T23:00:00Z'), 0, 'nothing to do before the due instant')
  t.equal(await act('2027-01-20T08:00:00Z', 1), 0, 'with a grace of 1 working day, nothing the morning after')
  t.equal(await act('2027-01-20T23:59:59.998Z', 1), 0, 'nor a moment before the breach has been known a whole working day')
  t.equal(await act('2027-01-20T23:59:59.999Z', 1), 1, 'acted on once known for the grace period')
  t.equal(await act('2027-01-21T08:01:00Z', 1), 0, 'and only once')

  now = '2027-01-21T09:00:00Z'
  const ended = (await api.call({ method: 'GET', url: `/service-requests/${request.id}` })).json()
  t.match(ended, { status: 'ended', endedReason: 'no_progress', endedAt: '2027-01-20T23:59:59.999Z' })
  const afterAllocation = (await api.call({ method: 'GET', url: `/allocations/${allocation.id}` })).json()
  t.match(afterAllocation, { status: 'ended', endedReason: 'no_progress' })
  t.match(
    clockOf(afterAllocation, 'planning-progress'),
    { status: 'missed', completedAt: null, closedAt: '2027-01-20T23:59:59.999Z' },
    'missed: the work was never done, and the breach stays on record',
  )
  t.match(clockOf(afterAllocation, 'joint-visit'), { status: 'missed' }, 'the joint visit was due the same day: missed too')
  t.match(clockOf(afterAllocation, 'case-discussion'), { status: 'missed' }, 'the case discussion was due after 5 working days: missed')
  const breaches = (await api.call({ method: 'GET', url: '/breaches', query: { status: 'missed', familyId: family.id } })).json()
  t.same(
    breaches.items.map((b: { standard: string }) => b.standard).sort(),
    ['case-discussion', 'joint-visit', 'planning-progress'],
    'all three are in /breaches',
  )
  const event = await api.db
    .selectFrom('events')
    .selectAll()
    .where('type', '=', 'service-request.ended')
    .where('subjectId', '=', request.id)
    .executeTakeFirstOrThrow()
  t.match(event.data, { reason: 'no_progress', reRequestNeeded: true }, 'an event says a re-request is needed')
  t.equal(event.actingUser, 'system:sla-engine')

  const allocateEnded = await api.call({
    method: 'POST',
    url: '/allocations',
    payload: { serviceRequestId: request.id, practitionerId: worker.id, allocatedBy: 'TM' },
  })
  t.equal(allocateEnded.statusCode, 409, 'an ended request cannot be allocated')

  now = '2027-01-05T10:00:00Z'
  const progressed = await aServiceRequest(api, family.id, team.id, { receivedAt: '2027-01-04T09:00:00Z' })
  const kept = await anAllocation(api, progressed.id, worker.id, { allocatedAt: '2027-01-05T09:00:00Z' })
  now = '2027-01-19T11:00:00Z'
  await api.call({
    method: 'POST',
    url: `/allocations/${kept.id}/joint-visit`,
    payload: {
      heldAt: '2027-01-19T10:00:00Z',
      workingTogetherAgreement: 'Agreed',
      dangerStatements: ['Sam may be unsupervised'],
      safetyGoals: ['Sam is safe'],
    },
  })
  t.equal(await act('2027-01-25T08:00:00Z'), 0, 'planning progress in time: nothing to end')
  t.equal((await api.call({ method: 'GET', url: `/service-requests/${progressed.id}` })).json().status, 'allocated')
})

t.test('the job queue acts on a record created already past its due date, with no grace configured', async (t) => {
  const api = await buildTestApp(t, { jobs: true, env: { BREACH_ACTION_GRACE: '0' } })
  const team = await aTeam(api)
  const family = await aFamily(api, team.id)
  const worker = await aPractitioner(api, team.id)
  // Backfilled: allocated five weeks before now, with no planning progress recorded.
  const request = await aServiceRequest(api, family.id, team.id, { receivedAt: '2026-12-21T09:00:00Z' })
  await anAllocation(api, request.id, worker.id, { allocatedAt: '2026-12-22T09:00:00Z' })
  const started = Date.now()
  let status = 'allocated'
  while (status !== 'ended' && Date.now() - started < 60_000) {
    await new Promise((r) => setTimeout(r, 250))
    status = (await api.call({ method: 'GET', url: `/service-requests/${request.id}` })).json().status
  }
  t.equal(status, 'ended', `ended by the queue's worker in ${Date.now() - started} ms (now is ${TEST_NOW})`)
  t.ok(Date.now() - started < 60_000, 'within a minute')
})
