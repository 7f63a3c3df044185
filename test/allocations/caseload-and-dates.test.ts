import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, anAllocation, anIntervention, aPractitioner, aServiceRequest, aTeam } from '../helpers/builders.js'

t.test('caseload counts families, not allocations ("approximately 10 families")', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const worker = await aPractitioner(api, team.id, { caseloadCapacity: 1 })
  const family = await aFamily(api, team.id)
  const first = await aServiceRequest(api, family.id, team.id)
  const second = await aServiceRequest(api, family.id, team.id)
  await anAllocation(api, first.id, worker.id)
  const sameFamily = await api.call({
    method: 'POST',
    url: '/allocations',
    payload: { serviceRequestId: second.id, practitionerId: worker.id, allocatedBy: 'TM', allocatedAt: '2026-12-31T10:00:00Z' },
  })
  t.equal(sameFamily.statusCode, 201, 'a second request of a family they hold adds no family: no override needed')
  t.equal(sameFamily.json().overrideReason, null)
  const caseload = (await api.call({ method: 'GET', url: `/practitioners/${worker.id}/caseload` })).json()
  t.equal(caseload.activeFamilies, 1)
  t.equal(caseload.items.length, 2, 'both allocations are listed')
  t.equal((await api.call({ method: 'GET', url: `/practitioners/${worker.id}` })).json().activeCaseload, 1, 'the practitioner’s live caseload says the same')

  const other = await aFamily(api, team.id)
  const third = await aServiceRequest(api, other.id, team.id)
  const full = await api.call({
    method: 'POST',
    url: '/allocations',
    payload: { serviceRequestId: third.id, practitionerId: worker.id, allocatedBy: 'TM', allocatedAt: '2026-12-31T10:00:00Z' },
  })
  t.equal(full.statusCode, 409, 'another family is past capacity')
  t.match(full.json().detail, /holds 1 of 1 families/)
})

t.test('nothing ends before it started, nor happens before the record it belongs to', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const worker = await aPractitioner(api, team.id)
  const family = await aFamily(api, team.id)
  const request = await aServiceRequest(api, family.id, team.id, { receivedAt: '2026-12-23T10:00:00Z' })
  const field = async (res: Promise<{ statusCode: number; json: () => { errors?: { field: string; message: string }[] } }>) => {
    const r = await res
    return [r.statusCode, r.json().errors?.[0]?.field, r.json().errors?.[0]?.message]
  }
  t.match(
    await field(
      api.call({
        method: 'POST',
        url: '/allocations',
        payload: { serviceRequestId: request.id, practitionerId: worker.id, allocatedBy: 'TM', allocatedAt: '2026-12-22T10:00:00Z' },
      }),
    ),
    [400, 'allocatedAt', /must not be before the request was received/],
  )
  const allocation = await anAllocation(api, request.id, worker.id, { allocatedAt: '2026-12-31T09:00:00Z' })
  t.match(
    await field(api.call({ method: 'POST', url: `/allocations/${allocation.id}/end`, payload: { endedAt: '2026-12-30T09:00:00Z', reason: 'moved' } })),
    [400, 'endedAt', /must not be before the allocation/],
    'an allocation cannot end before it was made',
  )
  t.match(await field(api.call({ method: 'POST', url: `/allocations/${allocation.id}/case-discussion`, payload: { heldAt: '2026-12-30T09:00:00Z' } })), [
    400,
    'heldAt',
    /must not be before the allocation/,
  ])
  await api.call({ method: 'POST', url: `/allocations/${allocation.id}/case-discussion`, payload: { heldAt: '2027-01-05T09:00:00Z' } })
  t.match(
    await field(api.call({ method: 'POST', url: `/allocations/${allocation.id}/end`, payload: { endedAt: '2027-01-04T09:00:00Z', reason: 'moved' } })),
    [400, 'endedAt', /must not be before the last step recorded/],
    'nor before a step recorded on it',
  )
  t.match(await field(api.call({ method: 'POST', url: '/interventions', payload: { allocationId: allocation.id, startedAt: '2027-03-01T09:00:00Z' } })), [
    400,
    'startedAt',
    /must not be in the future/,
  ])
  t.match(
    await field(api.call({ method: 'POST', url: '/interventions', payload: { allocationId: allocation.id, startedAt: '1989-12-31T09:00:00Z' } })),
    [400, 'startedAt', /must be between 1990-01-01 and 2100-12-31/],
    'nor outside the years the calendar covers',
  )
  const intervention = await anIntervention(api, allocation.id, '2027-01-06T09:00:00Z')
  await api.call({ method: 'POST', url: `/interventions/${intervention.id}/suspend`, payload: { at: '2027-01-10T09:00:00Z', reason: 'S47' } })
  t.match(await field(api.call({ method: 'POST', url: `/interventions/${intervention.id}/resume`, payload: { at: '2027-01-09T09:00:00Z' } })), [
    400,
    'at',
    /must not be before the suspension/,
  ])
  t.match(
    await field(
      api.call({
        method: 'POST',
        url: `/interventions/${intervention.id}/end`,
        payload: { endedAt: '2027-01-08T09:00:00Z', summary: 'x', childViews: 'x', progress: 'x', onwardSupport: 'x' },
      }),
    ),
    [400, 'endedAt', /must not be before the suspension/],
  )
  t.equal((await api.call({ method: 'GET', url: `/allocations/${allocation.id}` })).json().status, 'active', 'nothing was written')
})

t.test('the database refuses an end before a start, whatever writes it', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const worker = await aPractitioner(api, team.id)
  const family = await aFamily(api, team.id)
  const request = await aServiceRequest(api, family.id, team.id)
  const allocation = await anAllocation(api, request.id, worker.id)
  const intervention = await anIntervention(api, allocation.id, '2027-01-06T09:00:00Z')
  const refused = async (what: string, write: () => Promise<unknown>, constraint: string) => {
    const error = await write().then(
      () => null,
      (e: { code?: string; constraint?: string }) => e,
    )
    t.match(error, { code: '23514', constraint }, what)
  }
  const before = new Date('2020-01-01T00:00:00Z')
  await refused(
    'request',
    () => api.db.updateTable('serviceRequests').set({ endedAt: before }).where('id', '=', request.id).execute(),
    'service_requests_ended_after_received',
  )
  await refused(
    'allocation',
    () => api.db.updateTable('allocations').set({ endedAt: before }).where('id', '=', allocation.id).execute(),
    'allocations_ended_after_allocated',
  )
  await refused(
    'intervention',
    () => api.db.updateTable('interventions').set({ endedAt: before }).where('id', '=', intervention.id).execute(),
    'interventions_ended_after_started',
  )
  const clock = await api.db.selectFrom('slaClocks').select('id').where('subjectId', '=', intervention.id).executeTakeFirstOrThrow()
  await refused(
    'clock',
    () => api.db.updateTable('slaClocks').set({ completedAt: before }).where('id', '=', clock.id).execute(),
    'sla_clocks_completed_after_start',
  )
  await refused(
    'a clock with two verdicts',
    () =>
      api.db
        .updateTable('slaClocks')
        .set({ completedAt: new Date('2027-01-07T00:00:00Z'), closedAt: new Date('2027-01-07T00:00:00Z') })
        .where('id', '=', clock.id)
        .execute(),
    'sla_clocks_one_verdict',
  )
})
