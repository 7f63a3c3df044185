import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { accepted, aFamily, anAllocation, aPractitioner, aServiceRequest, aTeam, clockOf } from '../helpers/builders.js'

const completion = {
  completedAt: '2027-01-25T15:00:00Z',
  completedBy: 'Kim Example',
  participants: [
    { name: 'Alex Example', role: 'parent' },
    { name: 'Sam Example', role: 'child' },
    { name: 'Ms Green', role: 'school' },
  ],
  childSeen: true,
  childSeenOn: '2027-01-18',
  familyViews: 'Alex wants calmer mornings; Sam wants to walk to school with friends.',
  needs: [{ area: 'School attendance', description: 'Late three mornings a week' }],
}

t.test('Level 3 assessment: after consent at the initial visit; completing it stops its clock, due with the plan’s sign-off (002)', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api, { standardsPreset: 'level-3' })
  const worker = await aPractitioner(api, team.id)
  const family = await aFamily(api, team.id)
  const request = await aServiceRequest(api, family.id, team.id, { consent: undefined })
  const start = { serviceRequestId: request.id, kind: 'level_3_assessment', startedAt: '2027-01-12T10:00:00Z', startedBy: 'Kim Example' }
  t.equal((await api.call({ method: 'POST', url: '/assessments', payload: start })).statusCode, 409, 'no assessment before allocation')
  await accepted(api, request.id, '2027-01-05T10:00:00Z')
  const allocation = await anAllocation(api, request.id, worker.id, { allocatedAt: '2027-01-08T10:00:00Z' })
  t.match(clockOf(allocation, 'assessment'), { dueDate: '2027-02-05', target: { amount: 20, unit: 'working_days' } }, '20 working days after Fri 8 January')

  const noConsent = await api.call({ method: 'POST', url: '/assessments', payload: start })
  t.equal(noConsent.statusCode, 409)
  t.match(noConsent.json().detail, /consent/, 'consent is obtained at the initial visit, before the assessment')
  await api.call({
    method: 'POST',
    url: `/allocations/${allocation.id}/initial-visit`,
    payload: {
      heldAt: '2027-01-11T10:00:00Z',
      consent: { decision: 'given', scopes: ['sharing', 'service'], givenBy: { name: 'Alex Example', relationship: 'parent' }, recordedBy: 'Kim Example' },
    },
  })
  const early = await api.call({ method: 'POST', url: '/assessments', payload: { ...start, startedAt: '2027-01-07T10:00:00Z' } })
  t.equal(early.json().errors[0].field, 'startedAt', 'not before the allocation')
  const started = await api.call({ method: 'POST', url: '/assessments', payload: start })
  t.equal(started.statusCode, 201, started.body)
  t.match(started.json(), { kind: 'level_3_assessment', status: 'started', allocationId: allocation.id, startedBy: 'Kim Example', completed: null })
  const id = started.json().id

  const unseen = await api.call({ method: 'POST', url: `/assessments/${id}/complete`, payload: { ...completion, childSeenOn: undefined } })
  t.equal(unseen.statusCode, 400)
  t.equal(unseen.json().errors[0].field, 'childSeenOn', 'when the child was seen is recorded')
  const beforeStart = await api.call({ method: 'POST', url: `/assessments/${id}/complete`, payload: { ...completion, childSeenOn: '2027-01-10' } })
  t.equal(beforeStart.json().errors[0].field, 'childSeenOn')
  const noNeeds = await api.call({ method: 'POST', url: `/assessments/${id}/complete`, payload: { ...completion, needs: [] } })
  t.equal(noNeeds.statusCode, 400, 'an assessment finds needs')

  const done = await api.call({ method: 'POST', url: `/assessments/${id}/complete`, payload: completion })
  t.equal(done.statusCode, 200, done.body)
  t.match(done.json(), { status: 'completed', version: 2, completed: { ...completion, completedAt: '2027-01-25T15:00:00.000Z' } })
  const after = (await api.call({ method: 'GET', url: `/allocations/${allocation.id}` })).json()
  t.match(clockOf(after, 'assessment'), { status: 'met', dueDate: '2027-02-05' })
  t.match(clockOf(after, 'plan-sign-off'), { status: 'on_track' }, 'the plan’s sign-off is its own clock')
  t.equal((await api.call({ method: 'POST', url: `/assessments/${id}/complete`, payload: completion })).statusCode, 409, 'completed once')
  const listed = (await api.call({ method: 'GET', url: `/assessments?serviceRequestId=${request.id}` })).json()
  t.same(
    listed.items.map((a: { id: string }) => a.id),
    [id],
  )
  const history = (await api.call({ method: 'GET', url: `/families/${family.id}/timeline?kind=assessment` })).json()
  t.same(
    history.items.map((e: { type: string }) => e.type),
    ['assessment.started', 'assessment.completed'],
  )
})

t.test('Early Help Assessment: informed consent is mandatory; it has no clock of its own (004 §3.2)', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api, { standardsPreset: 'early-help' })
  const worker = await aPractitioner(api, team.id)
  const family = await aFamily(api, team.id)
  const request = await aServiceRequest(api, family.id, team.id)
  const allocation = await anAllocation(api, request.id, worker.id, { allocatedAt: '2027-01-04T10:00:00Z' })
  t.notOk(clockOf(allocation, 'assessment'), '004 sets the assessment no timescale')
  const start = {
    serviceRequestId: request.id,
    kind: 'early_help_assessment',
    model: 'Family Star Plus',
    startedAt: '2027-01-06T10:00:00Z',
    startedBy: 'Kim Example',
  }
  const first = await api.call({ method: 'POST', url: '/assessments', payload: start })
  t.equal(first.statusCode, 201, 'the consent given with the request covers it')
  t.match(first.json(), { model: 'Family Star Plus', status: 'started' })

  const refused = await api.call({
    method: 'POST',
    url: '/consents',
    payload: {
      familyId: family.id,
      teamId: team.id,
      serviceRequestId: request.id,
      decision: 'refused',
      scopes: ['service'],
      givenBy: { name: 'Alex Example', relationship: 'parent' },
      decidedAt: '2027-01-08T10:00:00Z',
      recordedBy: 'Kim Example',
      revisitOn: '2027-03-01',
    },
  })
  t.equal(refused.statusCode, 201, refused.body)
  const again = await api.call({ method: 'POST', url: '/assessments', payload: { ...start, startedAt: '2027-01-11T10:00:00Z' } })
  t.equal(again.statusCode, 409, 'the family has since refused: no assessment without their consent')
  t.match(again.json().detail, /consent/)
})
