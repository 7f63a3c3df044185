import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { anAllocatedCase } from '../helpers/builders.js'

t.test('the multi-agency action plan holds the working together agreement, danger statements and safety goals (000 §8)', async (t) => {
  const api = await buildTestApp(t)
  const { request, allocation } = await anAllocatedCase(api, { allocatedAt: '2026-12-24T09:00:00Z' })
  const visit = {
    heldAt: '2026-12-30T10:00:00Z',
    workingTogetherAgreement: 'Alex and Jo meet weekly; Ana visits on Thursdays',
    dangerStatements: ['Sam may be left alone at night if Alex drinks'],
    safetyGoals: ['An adult who is sober is with Sam every night'],
  }
  t.equal((await api.call({ method: 'POST', url: `/allocations/${allocation.id}/joint-visit`, payload: visit })).statusCode, 200)

  const made = await api.call({
    method: 'POST',
    url: '/plans',
    payload: {
      serviceRequestId: request.id,
      kind: 'multi_agency_action_plan',
      summary: 'Safe nights for Sam',
      agreedBy: ['Alex (parent)', 'Jo (social worker)', 'Ana (TRT)'],
      agreedAt: '2027-01-04T10:00:00Z',
      actions: [{ what: 'Alex attends the alcohol service', who: 'Alex', dueOn: '2027-01-29' }],
    },
  })
  t.equal(made.statusCode, 201, made.body)
  t.match(
    made.json(),
    { workingTogetherAgreement: visit.workingTogetherAgreement, dangerStatements: visit.dangerStatements, safetyGoals: visit.safetyGoals },
    'taken from the joint visit when the plan does not say',
  )
  const id = made.json().id

  const reviewed = await api.call({
    method: 'POST',
    url: `/plans/${id}/reviews`,
    payload: {
      heldAt: '2027-01-18T10:00:00Z',
      heldBy: 'Ana (TRT)',
      safetyGoals: ['An adult who is sober is with Sam every night', 'Sam sleeps at his gran’s on Fridays'],
    },
  })
  t.equal(reviewed.statusCode, 200, reviewed.body)
  t.same(reviewed.json().safetyGoals, ['An adult who is sober is with Sam every night', 'Sam sleeps at his gran’s on Fridays'])
  t.same(reviewed.json().dangerStatements, visit.dangerStatements, 'what the review leaves out is kept')
  const first = (await api.call({ method: 'GET', url: `/plans/${id}/versions/1` })).json()
  t.same(first.plan.safetyGoals, visit.safetyGoals, 'version 1 keeps the goals as first agreed')

  const other = await anAllocatedCase(api, { allocatedAt: '2026-12-24T09:00:00Z' })
  const plain = (
    await api.call({
      method: 'POST',
      url: '/plans',
      payload: { serviceRequestId: other.request.id, kind: 'multi_agency_action_plan', summary: 'x', agreedBy: [], actions: [], safetyGoals: ['Own goal'] },
    })
  ).json()
  t.match(plain, { workingTogetherAgreement: null, dangerStatements: [], safetyGoals: ['Own goal'] }, 'no joint visit yet: only what the plan says')
})
