import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { accepted, aFamily, anAllocation, aPractitioner, aServiceRequest, aTeam, clockOf } from '../helpers/builders.js'

t.test('a Level 3 plan: consent first, actions with clocks, versions on review, sign-off stops the 20-working-day clock (002)', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api, { standardsPreset: 'level-3' })
  const family = await aFamily(api, team.id)
  const worker = await aPractitioner(api, team.id)
  const request = await aServiceRequest(api, family.id, team.id, { consent: undefined })
  await accepted(api, request.id)
  const allocation = await anAllocation(api, request.id, worker.id, { allocatedAt: '2026-12-24T09:00:00Z' })
  const plan = {
    serviceRequestId: request.id,
    kind: 'level_3_plan',
    summary: 'Calmer mornings',
    agreedBy: ['Alex (parent)', 'Kim (FSW)'],
    agreedAt: '2026-12-29T10:00:00Z',
  }

  const noConsent = await api.call({ method: 'POST', url: '/plans', payload: { ...plan, actions: [] } })
  t.equal(noConsent.statusCode, 409)
  t.match(noConsent.json().detail, /consent/, 'no plan starts without the consent obtained at the initial visit')
  await api.call({
    method: 'POST',
    url: `/allocations/${allocation.id}/initial-visit`,
    payload: {
      heldAt: '2026-12-28T10:00:00Z',
      consent: { decision: 'given', scopes: ['service'], givenBy: { name: 'Alex', relationship: 'parent' }, recordedBy: 'Kim' },
    },
  })

  const made = await api.call({ method: 'POST', url: '/plans', payload: { ...plan, actions: [] } })
  t.equal(made.statusCode, 201)
  t.match(made.json(), { kind: 'level_3_plan', status: 'draft', currentVersion: 1, agreedBy: ['Alex (parent)', 'Kim (FSW)'], actions: [] })
  const id = made.json().id

  const empty = await api.call({ method: 'POST', url: `/plans/${id}/sign-off`, payload: { signedOffAt: '2027-01-04T10:00:00Z', signedOffBy: 'Co-ordinator' } })
  t.equal(empty.statusCode, 409, 'a plan with no actions cannot be signed off')

  const reviewed = await api.call({
    method: 'POST',
    url: `/plans/${id}/reviews`,
    payload: {
      heldAt: '2027-01-04T10:00:00Z',
      heldBy: 'Kim',
      notes: 'Actions agreed',
      addActions: [{ what: 'Routine chart on the fridge', who: 'Alex', dueOn: '2027-01-08' }],
    },
  })
  t.equal(reviewed.statusCode, 200)
  t.equal(reviewed.json().currentVersion, 2, 'a review makes a new version')
  const action = reviewed.json().actions[0]
  t.match(clockOf(action, 'plan-action'), { dueDate: '2027-01-08', completedAt: null }, 'its "by when" is a clock')

  const v1 = (await api.call({ method: 'GET', url: `/plans/${id}/versions/1` })).json()
  const v2 = (await api.call({ method: 'GET', url: `/plans/${id}/versions/2` })).json()
  t.match(v1, { number: 1, reason: 'created', plan: { actions: [] } }, 'the old version is kept and readable')
  t.match(v2, { number: 2, reason: 'review', review: { heldBy: 'Kim' }, plan: { actions: [{ what: 'Routine chart on the fridge' }] } })
  t.equal((await api.call({ method: 'GET', url: `/plans/${id}/versions` })).json().items.length, 2)
  t.equal((await api.call({ method: 'GET', url: `/plans/${id}/versions/3` })).statusCode, 404)

  const done = await api.call({ method: 'POST', url: `/plans/${id}/actions/${action.id}/done`, payload: { doneAt: '2027-01-11T10:00:00Z' } })
  t.equal(done.statusCode, 200, done.body)
  t.match(clockOf(done.json().actions[0], 'plan-action'), { status: 'met_late' }, 'done after its date: met late')

  const signed = await api.call({ method: 'POST', url: `/plans/${id}/sign-off`, payload: { signedOffAt: '2027-01-12T10:00:00Z', signedOffBy: 'Co-ordinator' } })
  t.equal(signed.statusCode, 200)
  t.match(signed.json(), { status: 'signed_off', signedOff: { signedOffBy: 'Co-ordinator' } })
  const alloc = (await api.call({ method: 'GET', url: `/allocations/${allocation.id}` })).json()
  t.match(clockOf(alloc, 'plan-sign-off'), { status: 'met' }, 'signing off the Level 3 plan stops its 20-working-day clock')
  t.equal((await api.call({ method: 'POST', url: `/plans/${id}/sign-off`, payload: { signedOffBy: 'Co-ordinator' } })).statusCode, 409)
})

t.test('a multi-agency action plan keeps its working together agreement, danger statements and safety goals (000)', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const family = await aFamily(api, team.id)
  const worker = await aPractitioner(api, team.id)
  const request = await aServiceRequest(api, family.id, team.id)
  const unallocated = await api.call({
    method: 'POST',
    url: '/plans',
    payload: { serviceRequestId: request.id, kind: 'multi_agency_action_plan', summary: 'x', agreedBy: [], actions: [] },
  })
  t.equal(unallocated.statusCode, 409, 'a plan is made for an allocated request')
  await anAllocation(api, request.id, worker.id, { allocatedAt: '2026-12-24T09:00:00Z' })
  const made = await api.call({
    method: 'POST',
    url: '/plans',
    payload: {
      serviceRequestId: request.id,
      kind: 'multi_agency_action_plan',
      summary: 'Keep Sam safe at home',
      agreedAt: '2026-12-30T10:00:00Z',
      agreedBy: ['Jo (social worker)', 'Ana (TRT)'],
      workingTogetherAgreement: 'We meet every Tuesday',
      dangerStatements: ['Sam may be hurt when arguments escalate'],
      safetyGoals: ['Sam is safe and feels safe at home'],
      actions: [{ what: 'Safety plan written with Alex', who: 'Ana', dueOn: '2026-12-20' }],
    },
  })
  t.equal(made.statusCode, 400)
  t.equal(made.json().errors[0].field, 'actions[0].dueOn', 'an action is not due before the plan was agreed')
})
