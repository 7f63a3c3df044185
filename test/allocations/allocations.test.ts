import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, anAllocation, aPractitioner, aServiceRequest, aTeam, clockOf } from '../helpers/builders.js'

t.test('allocations', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const family = await aFamily(api, team.id)
  const ana = await aPractitioner(api, team.id, { caseloadCapacity: 2 })

  t.test('allocating stops the request’s clock and starts the allocation’s', async (t) => {
    const request = await aServiceRequest(api, family.id, team.id)
    const allocation = await anAllocation(api, request.id, ana.id)
    t.match(allocation, { serviceRequestId: request.id, practitionerId: ana.id, status: 'active', overrideReason: null })
    t.match(
      clockOf(allocation, 'case-discussion'),
      { dueDate: '2027-01-08', target: { amount: 5, unit: 'working_days' } },
      'allocated Thu 31 Dec: Mon 4 .. Fri 8 January',
    )
    t.match(clockOf(allocation, 'joint-visit'), { dueDate: '2027-01-15' })
    t.match(clockOf(allocation, 'planning-progress'), { dueDate: '2027-01-15' })
    const after = (await api.call({ method: 'GET', url: `/service-requests/${request.id}` })).json()
    t.equal(after.status, 'allocated')
    t.match(clockOf(after, 'allocation'), { status: 'met_late', completedAt: '2026-12-31T09:00:00.000Z' }, 'due 30 December, allocated on the 31st: late')

    const discussed = await api.call({
      method: 'POST',
      url: `/allocations/${allocation.id}/case-discussion`,
      payload: { heldAt: '2027-01-06T14:00:00Z', attendees: ['Ana Example', 'Jo Example'] },
    })
    t.equal(discussed.statusCode, 200)
    t.match(clockOf(discussed.json(), 'case-discussion'), { status: 'met', completedAt: '2027-01-06T14:00:00.000Z' })
    t.match(clockOf(discussed.json(), 'planning-progress'), { status: 'met' }, 'a case discussion is planning progress')
    t.match(clockOf(discussed.json(), 'joint-visit'), { completedAt: null })
    t.equal(
      (await api.call({ method: 'POST', url: `/allocations/${allocation.id}/case-discussion`, payload: { heldAt: '2027-01-07T14:00:00Z' } })).statusCode,
      409,
      'recorded once',
    )

    const visit = await api.call({
      method: 'POST',
      url: `/allocations/${allocation.id}/joint-visit`,
      payload: {
        heldAt: '2027-01-18T10:00:00Z',
        workingTogetherAgreement: 'Weekly visits; school liaison',
        dangerStatements: ['Sam may miss school and be unsupervised'],
        safetyGoals: ['Sam attends school every day'],
      },
    })
    t.equal(visit.statusCode, 200)
    t.match(visit.json().jointVisit, {
      workingTogetherAgreement: 'Weekly visits; school liaison',
      dangerStatements: ['Sam may miss school and be unsupervised'],
    })
    t.match(clockOf(visit.json(), 'joint-visit'), { status: 'met_late' }, 'due 15 January, held on the 18th')
    const tooEarly = await api.call({ method: 'POST', url: `/allocations/${allocation.id}/end`, payload: { endedAt: '2026-01-01T00:00:00Z', reason: 'x' } })
    t.equal(tooEarly.statusCode, 400, 'an allocation cannot end before it was made')
    t.equal(tooEarly.json().errors[0].field, 'endedAt')
    t.equal((await api.call({ method: 'GET', url: `/allocations/${allocation.id}` })).json().status, 'active', 'nothing changed')
  })

  t.test('caseload capacity and the manager’s override', async (t) => {
    const sol = await aPractitioner(api, team.id, { caseloadCapacity: 1 })
    const first = await aServiceRequest(api, family.id, team.id)
    await anAllocation(api, first.id, sol.id)
    t.equal((await api.call({ method: 'GET', url: `/practitioners/${sol.id}` })).json().activeCaseload, 1)
    const another = await aFamily(api, team.id)
    const second = await aServiceRequest(api, another.id, team.id)
    const refused = await api.call({
      method: 'POST',
      url: '/allocations',
      payload: { serviceRequestId: second.id, practitionerId: sol.id, allocatedBy: 'Team manager', allocatedAt: '2026-12-31T09:00:00Z' },
    })
    t.equal(refused.statusCode, 409)
    t.equal(refused.json().type, '/problems/caseload-capacity-exceeded')
    t.equal(refused.json().errors[0].field, 'override')
    t.equal((await api.call({ method: 'GET', url: `/service-requests/${second.id}` })).json().status, 'received', 'nothing changed')
    const emptyReason = await api.call({
      method: 'POST',
      url: '/allocations',
      payload: { serviceRequestId: second.id, practitionerId: sol.id, allocatedBy: 'Team manager', override: { reason: '' } },
    })
    t.equal(emptyReason.statusCode, 400, 'an override must give a reason')
    const overridden = await anAllocation(api, second.id, sol.id, { override: { reason: 'Sibling group already known to Sol' } })
    t.equal(overridden.overrideReason, 'Sibling group already known to Sol')
    t.equal((await api.call({ method: 'GET', url: `/practitioners/${sol.id}` })).json().activeCaseload, 2)
    const practitionerKey = await api.keyFor('practitioner')
    const third = await aServiceRequest(api, family.id, team.id)
    t.equal(
      (
        await api.call({
          method: 'POST',
          url: '/allocations',
          key: practitionerKey,
          payload: { serviceRequestId: third.id, practitionerId: sol.id, allocatedBy: 'x', override: { reason: 'x' } },
        })
      ).statusCode,
      403,
      'only managers allocate and override',
    )
  })

  t.test('a request that is declined, withdrawn or already allocated cannot be allocated', async (t) => {
    const declined = await aServiceRequest(api, family.id, team.id)
    await api.call({
      method: 'POST',
      url: `/service-requests/${declined.id}/decision`,
      payload: { decision: 'declined', decidedBy: 'TM', reason: 'Not met', decidedAt: '2026-12-24T09:00:00Z' },
    })
    const withdrawn = await aServiceRequest(api, family.id, team.id)
    await api.call({ method: 'POST', url: `/service-requests/${withdrawn.id}/withdraw`, payload: { reason: 'Moved', withdrawnAt: '2026-12-24T09:00:00Z' } })
    const bo = await aPractitioner(api, team.id, { caseloadCapacity: 20 })
    const allocated = await aServiceRequest(api, family.id, team.id)
    await anAllocation(api, allocated.id, bo.id)
    for (const request of [declined, withdrawn, allocated]) {
      const res = await api.call({
        method: 'POST',
        url: '/allocations',
        payload: { serviceRequestId: request.id, practitionerId: bo.id, allocatedBy: 'TM', allocatedAt: '2026-12-31T09:00:00Z' },
      })
      t.equal(res.statusCode, 409)
      t.equal(res.json().type, '/problems/conflict')
    }
    const otherTeam = await aTeam(api)
    const stranger = await aPractitioner(api, otherTeam.id)
    const fresh = await aServiceRequest(api, family.id, team.id)
    const wrongTeam = await api.call({
      method: 'POST',
      url: '/allocations',
      payload: { serviceRequestId: fresh.id, practitionerId: stranger.id, allocatedBy: 'TM' },
    })
    t.equal(wrongTeam.statusCode, 422)
    t.equal(wrongTeam.json().errors[0].field, 'practitionerId')
  })

  t.test('Level 3: allocation within 6 days of acceptance, initial visit and plan sign-off', async (t) => {
    const level3 = await aTeam(api, { standardsPreset: 'level-3' })
    const worker = await aPractitioner(api, level3.id)
    const fam = await aFamily(api, level3.id)
    const request = await aServiceRequest(api, fam.id, level3.id, { consent: undefined })
    t.same(request.sla.clocks, [], 'Level 3 starts its allocation clock on acceptance, not receipt')
    const accepted = (
      await api.call({
        method: 'POST',
        url: `/service-requests/${request.id}/decision`,
        payload: { decision: 'accepted', decidedBy: 'Locality team', decidedAt: '2027-01-04T10:00:00Z' },
      })
    ).json()
    t.match(clockOf(accepted, 'allocation'), { dueDate: '2027-01-10', target: { amount: 6, unit: 'calendar_days' } })
    const allocation = await anAllocation(api, request.id, worker.id, { allocatedAt: '2027-01-08T10:00:00Z' })
    t.match(clockOf(allocation, 'initial-visit'), { dueDate: '2027-01-13' })
    t.match(clockOf(allocation, 'plan-sign-off'), { dueDate: '2027-02-05' }, '20 working days after Fri 8 January')
    const visited = await api.call({ method: 'POST', url: `/allocations/${allocation.id}/initial-visit`, payload: { heldAt: '2027-01-12T10:00:00Z' } })
    t.match(clockOf(visited.json(), 'initial-visit'), { status: 'met' })
    const signed = await api.call({
      method: 'POST',
      url: `/allocations/${allocation.id}/plan-sign-off`,
      payload: { signedOffAt: '2027-01-29T10:00:00Z', signedOffBy: 'Co-ordinator' },
    })
    t.match(clockOf(signed.json(), 'plan-sign-off'), { status: 'met' })
  })
})
