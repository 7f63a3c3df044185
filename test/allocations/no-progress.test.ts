import t from 'tap'
import { runBreachActions } from '../../src/sla-clocks/breach-actions.js'
import { TEST_NOW, buildTestApp } from '../helpers/app.js'
import { aFamily, aPractitioner, aServiceRequest, aTeam, anAllocation, clockOf } from '../helpers/builders.js'

t.test('no planning progress 10 working days after allocation ends the request', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const family = await aFamily(api, team.id)
  const worker = await aPractitioner(api, team.id)
  const request = await aServiceRequest(api, family.id, team.id, { receivedAt: '2027-01-04T09:00:00Z' })
  const allocation = await anAllocation(api, request.id, worker.id, { allocatedAt: '2027-01-05T09:00:00Z' })
  t.match(clockOf(allocation, 'planning-progress'), { dueDate: '2027-01-19', dueAt: '2027-01-19T23:59:59.999Z' })

  t.equal(await runBreachActions(api.db, new Date('2027-01-19T23:00:00Z')), 0, 'nothing to do before the due instant')
  t.equal(await runBreachActions(api.db, new Date('2027-01-20T08:00:00Z')), 1, 'acted on once past it')
  t.equal(await runBreachActions(api.db, new Date('2027-01-20T08:01:00Z')), 0, 'and only once')

  const ended = (await api.call({ method: 'GET', url: `/service-requests/${request.id}` })).json()
  t.match(ended, { status: 'ended', endedReason: 'no_progress', endedAt: '2027-01-20T08:00:00.000Z' })
  const afterAllocation = (await api.call({ method: 'GET', url: `/allocations/${allocation.id}` })).json()
  t.match(afterAllocation, { status: 'ended', endedReason: 'no_progress' })
  t.match(clockOf(afterAllocation, 'planning-progress'), { status: 'met_late' }, 'the breach stays on record')
  t.match(clockOf(afterAllocation, 'joint-visit'), { status: 'cancelled' }, 'the other clocks are cancelled')
  const event = await api.db.selectFrom('events').selectAll().where('type', '=', 'service-request.ended').where('subjectId', '=', request.id).executeTakeFirstOrThrow()
  t.match(event.data, { reason: 'no_progress', reRequestNeeded: true }, 'an event says a re-request is needed')
  t.equal(event.actingUser, 'system:sla-engine')

  const allocateEnded = await api.call({ method: 'POST', url: '/allocations', payload: { serviceRequestId: request.id, practitionerId: worker.id, allocatedBy: 'TM' } })
  t.equal(allocateEnded.statusCode, 409, 'an ended request cannot be allocated')

  const progressed = await aServiceRequest(api, family.id, team.id, { receivedAt: '2027-01-04T09:00:00Z' })
  const kept = await anAllocation(api, progressed.id, worker.id, { allocatedAt: '2027-01-05T09:00:00Z' })
  await api.call({ method: 'POST', url: `/allocations/${kept.id}/joint-visit`, payload: { heldAt: '2027-01-19T10:00:00Z', workingTogetherAgreement: 'Agreed', dangerStatements: [], safetyGoals: [] } })
  t.equal(await runBreachActions(api.db, new Date('2027-01-25T08:00:00Z')), 0, 'planning progress in time: nothing to end')
  t.equal((await api.call({ method: 'GET', url: `/service-requests/${progressed.id}` })).json().status, 'allocated')
})

t.test('the job queue acts on a record created already past its due date', async (t) => {
  const api = await buildTestApp(t, { jobs: true })
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
