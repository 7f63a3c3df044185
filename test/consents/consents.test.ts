import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { accepted, aFamily, anAllocation, anIntervention, aPractitioner, aServiceRequest, aTeam, clockOf } from '../helpers/builders.js'

const giver = { name: 'Alex Example', relationship: 'parent' }

t.test('consent decisions are kept as records; a refusal keeps its date to revisit (004)', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api, { standardsPreset: 'early-help' })
  const family = await aFamily(api, team.id)
  const base = { familyId: family.id, teamId: team.id, scopes: ['service'], givenBy: giver, decidedAt: '2026-12-22T15:00:00Z', recordedBy: 'Jo Example' }

  const noDate = await api.call({ method: 'POST', url: '/consents', payload: { ...base, decision: 'refused' } })
  t.equal(noDate.statusCode, 400)
  t.equal(noDate.json().errors[0].field, 'revisitOn', 'a refusal needs the date to revisit the family')
  const dated = await api.call({ method: 'POST', url: '/consents', payload: { ...base, decision: 'given', revisitOn: '2027-02-01' } })
  t.equal(dated.json().errors[0].field, 'revisitOn', 'only a refusal has one')

  const refused = await api.call({ method: 'POST', url: '/consents', payload: { ...base, decision: 'refused', revisitOn: '2027-02-01', notes: 'Not now' } })
  t.equal(refused.statusCode, 201)
  t.match(refused.json(), { decision: 'refused', revisitOn: '2027-02-01', givenBy: giver, recordedBy: 'Jo Example', obtainedAt: 'other', scopes: ['service'] })
  const listed = (await api.call({ method: 'GET', url: `/consents?familyId=${family.id}` })).json().items
  t.same(
    listed.map((c: { id: string }) => c.id),
    [refused.json().id],
    'the refusal is kept, not forgotten',
  )
  t.equal((await api.call({ method: 'GET', url: `/consents/${refused.json().id}` })).json().revisitOn, '2027-02-01')

  const withdrawNothing = await api.call({ method: 'POST', url: '/consents', payload: { ...base, decision: 'withdrawn' } })
  t.equal(withdrawNothing.json().errors[0].field, 'serviceRequestId', 'a withdrawal names the request whose work it covered')

  const request = await aServiceRequest(api, family.id, team.id, {
    consent: { given: true, recordedAt: '2026-12-22T15:00:00Z', recordedBy: 'Jo Example', givenBy: giver },
  })
  const onRequest = (await api.call({ method: 'GET', url: `/consents?serviceRequestId=${request.id}` })).json().items
  t.match(onRequest, [{ decision: 'given', obtainedAt: 'request', scopes: ['sharing', 'service'], givenBy: giver }], 'the request’s consent is a record too')
})

t.test('Level 3: consent is obtained at the initial visit; no intervention starts without it (002)', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api, { standardsPreset: 'level-3' })
  const family = await aFamily(api, team.id)
  const worker = await aPractitioner(api, team.id)
  const request = await aServiceRequest(api, family.id, team.id, { consent: undefined })
  await accepted(api, request.id)
  const allocation = await anAllocation(api, request.id, worker.id, { allocatedAt: '2026-12-24T09:00:00Z' })

  const early = await api.call({ method: 'POST', url: '/interventions', payload: { allocationId: allocation.id, startedAt: '2026-12-29T09:00:00Z' } })
  t.equal(early.statusCode, 409)
  t.match(early.json().detail, /consent/, 'the 409 says consent is missing')

  const visit = await api.call({
    method: 'POST',
    url: `/allocations/${allocation.id}/initial-visit`,
    payload: { heldAt: '2026-12-28T10:00:00Z', consent: { decision: 'given', scopes: ['sharing', 'service'], givenBy: giver, recordedBy: 'Kim Example' } },
  })
  t.equal(visit.statusCode, 200)
  t.match(clockOf(visit.json(), 'initial-visit'), { status: 'met' })
  const records = (await api.call({ method: 'GET', url: `/consents?serviceRequestId=${request.id}` })).json().items
  t.match(records, [{ decision: 'given', obtainedAt: 'initial_visit', allocationId: allocation.id, decidedAt: '2026-12-28T10:00:00.000Z' }])

  const started = await api.call({ method: 'POST', url: '/interventions', payload: { allocationId: allocation.id, startedAt: '2026-12-29T09:00:00Z' } })
  t.equal(started.statusCode, 201, 'with consent recorded the intervention starts')
})

t.test('withdrawing consent stops the work it covered, its clocks closed by the verdict rules', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const family = await aFamily(api, team.id)
  const worker = await aPractitioner(api, team.id)
  const request = await aServiceRequest(api, family.id, team.id)
  const allocation = await anAllocation(api, request.id, worker.id, { allocatedAt: '2026-12-24T09:00:00Z' })
  const intervention = await anIntervention(api, allocation.id, '2027-01-04T09:00:00Z')

  const before = await api.call({
    method: 'POST',
    url: '/consents',
    payload: {
      familyId: family.id,
      teamId: team.id,
      serviceRequestId: request.id,
      decision: 'withdrawn',
      scopes: ['service'],
      givenBy: giver,
      decidedAt: '2027-01-01T09:00:00Z',
      recordedBy: 'Ana',
    },
  })
  t.equal(before.statusCode, 400)
  t.equal(before.json().errors[0].field, 'decidedAt', 'not before the intervention it stops started')

  const withdrawn = await api.call({
    method: 'POST',
    url: '/consents',
    payload: {
      familyId: family.id,
      teamId: team.id,
      serviceRequestId: request.id,
      decision: 'withdrawn',
      scopes: ['service'],
      givenBy: giver,
      decidedAt: '2027-01-13T09:00:00Z',
      recordedBy: 'Ana',
    },
  })
  t.equal(withdrawn.statusCode, 201)

  const stopped = (await api.call({ method: 'GET', url: `/interventions/${intervention.id}` })).json()
  t.equal(stopped.status, 'ended')
  t.match(stopped.ending, { reason: 'consent_withdrawn' })
  t.match(clockOf(stopped, 'weekly-contact'), { status: 'missed' }, 'due Mon 11 Jan, closed Wed 13: missed')
  t.match(clockOf(stopped, 'initial-review'), { status: 'cancelled' }, 'due in 12 weeks: cancelled, not met')
  t.match(clockOf(stopped, 'maximum-duration'), { status: 'cancelled' })
  t.match(clockOf(stopped, 'final-audit'), { status: 'cancelled' })
  // The 6-month baseline follow-up is a check of records after any ending (000 Appendix 2), not work with the family.
  t.match(clockOf(stopped, 'baseline-follow-up'), { status: 'on_track' })
  t.equal(
    stopped.sla.clocks.filter(
      (c: { standard: string; status: string }) =>
        c.standard !== 'baseline-follow-up' && ['met', 'met_late', 'on_track', 'due_soon', 'overdue'].includes(c.status),
    ).length,
    0,
    'no clock of the work left open or met',
  )

  t.match((await api.call({ method: 'GET', url: `/allocations/${allocation.id}` })).json(), { status: 'ended', endedReason: 'consent_withdrawn' })
  t.match((await api.call({ method: 'GET', url: `/service-requests/${request.id}` })).json(), { status: 'ended', endedReason: 'consent_withdrawn' })
  const contact = await api.call({
    method: 'POST',
    url: `/interventions/${intervention.id}/contacts`,
    payload: {
      occurredAt: '2027-01-14T09:00:00Z',
      recordedAt: '2027-01-14T09:00:00Z',
      durationMinutes: 30,
      location: 'Home',
      purpose: 'x',
      present: ['Sam'],
      childSeenAlone: false,
      voiceOfChild: 'x',
      observations: 'x',
      analysis: 'x',
      actions: 'x',
    },
  })
  t.equal(contact.statusCode, 409, 'no more work is recorded on it')

  const again = await api.call({
    method: 'POST',
    url: '/consents',
    payload: {
      familyId: family.id,
      teamId: team.id,
      serviceRequestId: request.id,
      decision: 'withdrawn',
      scopes: ['service'],
      givenBy: giver,
      decidedAt: '2027-01-13T10:00:00Z',
      recordedBy: 'Ana',
    },
  })
  t.equal(again.statusCode, 409, 'there is no consent left to withdraw')
})
