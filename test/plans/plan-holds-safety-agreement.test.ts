import t from 'tap'
import { buildTestApp, type TestApp } from '../helpers/app.js'
import { anAllocatedCase, anIntervention } from '../helpers/builders.js'
import { until } from '../helpers/until.js'

// The working together agreement, danger statements and safety goals are agreed at the joint visit and
// belong with the multi-agency action plan (000 §6, §8): the plan is the one place that holds them.

const visit = {
  heldAt: '2026-12-30T10:00:00Z',
  workingTogetherAgreement: 'Alex and Jo meet weekly; Ana visits on Thursdays',
  dangerStatements: ['Sam may be left alone at night if Alex drinks'],
  safetyGoals: ['An adult who is sober is with Sam every night'],
}
const safety = (r: { workingTogetherAgreement: unknown; dangerStatements: unknown; safetyGoals: unknown }) => ({
  workingTogetherAgreement: r.workingTogetherAgreement,
  dangerStatements: r.dangerStatements,
  safetyGoals: r.safetyGoals,
})
const { heldAt: _h, ...visitSafety } = visit

async function post(api: TestApp, url: string, payload: object, status = 200) {
  const res = await api.call({ method: 'POST', url, payload })
  if (res.statusCode !== status) throw new Error(`POST ${url} gave ${res.statusCode}: ${res.body}`)
  return res.json()
}

const aPlan = (api: TestApp, serviceRequestId: string, fields: object = {}) =>
  post(
    api,
    '/plans',
    {
      serviceRequestId,
      kind: 'multi_agency_action_plan',
      summary: 'Safe nights for Sam',
      agreedBy: ['Alex (parent)', 'Jo (social worker)', 'Ana (TRT)'],
      agreedAt: '2027-01-04T10:00:00Z',
      actions: [{ what: 'Alex attends the alcohol service', who: 'Alex', dueOn: '2027-01-29' }],
      ...fields,
    },
    201,
  )

const interventionOf = async (api: TestApp, id: string) => (await api.call({ method: 'GET', url: `/interventions/${id}` })).json()

t.test('an intervention shows the agreement of the case’s current multi-agency action plan, as last revised', async (t) => {
  const api = await buildTestApp(t)
  const { request, allocation } = await anAllocatedCase(api, { allocatedAt: '2026-12-24T09:00:00Z' })
  await post(api, `/allocations/${allocation.id}/joint-visit`, visit)
  const intervention = await anIntervention(api, allocation.id, '2027-01-02T10:00:00Z')
  t.same(safety(intervention), visitSafety, 'no plan yet: what the joint visit agreed')

  await post(api, '/plans', { serviceRequestId: request.id, kind: 'taf_plan', summary: 'TAF', agreedBy: [], actions: [], safetyGoals: ['Not this one'] }, 201)
  t.same(safety(await interventionOf(api, intervention.id)), visitSafety, 'a plan of another kind does not hold the agreement')

  const plan = await aPlan(api, request.id, { safetyGoals: ['Sam is safe at night'] })
  t.same(
    safety(await interventionOf(api, intervention.id)),
    { ...visitSafety, safetyGoals: ['Sam is safe at night'] },
    'once the plan is made, what the plan says',
  )

  const goals = ['Sam is safe at night', 'Sam sleeps at his gran’s on Fridays']
  const statements = ['Sam may be left alone at night if Alex drinks', 'Sam may miss school after a late night']
  await post(api, `/plans/${plan.id}/reviews`, { heldAt: '2027-01-18T10:00:00Z', heldBy: 'Ana (TRT)', safetyGoals: goals, dangerStatements: statements })
  const revised = { workingTogetherAgreement: visit.workingTogetherAgreement, dangerStatements: statements, safetyGoals: goals }
  t.same(safety(await interventionOf(api, intervention.id)), revised, 'the plan’s review shows in the intervention’s next read')
  const listed = (await api.call({ method: 'GET', url: `/interventions?allocationId=${allocation.id}` })).json().items
  t.same(listed.map(safety), [revised], 'and in the list')

  const later = await aPlan(api, request.id, { agreedAt: '2027-01-20T10:00:00Z', workingTogetherAgreement: 'Daily check-ins by text' })
  t.equal(later.workingTogetherAgreement, 'Daily check-ins by text')
  t.same(
    safety(await interventionOf(api, intervention.id)),
    { workingTogetherAgreement: 'Daily check-ins by text', dangerStatements: visit.dangerStatements, safetyGoals: visit.safetyGoals },
    'the latest multi-agency plan of the case is the current one',
  )
})

t.test('an intervention started before any joint visit or plan shows none, then the joint visit’s agreement', async (t) => {
  const api = await buildTestApp(t)
  const { allocation } = await anAllocatedCase(api, { allocatedAt: '2026-12-24T09:00:00Z' })
  const intervention = await anIntervention(api, allocation.id, '2026-12-28T10:00:00Z')
  t.same(safety(intervention), { workingTogetherAgreement: null, dangerStatements: [], safetyGoals: [] })
  await post(api, `/allocations/${allocation.id}/joint-visit`, visit)
  t.same(safety(await interventionOf(api, intervention.id)), visitSafety, 'the joint visit recorded later shows')
})

t.test('a joint visit recorded once the plan exists revises the plan, as a new version with an event', async (t) => {
  const api = await buildTestApp(t)
  const { request, allocation } = await anAllocatedCase(api, { allocatedAt: '2026-12-24T09:00:00Z' })
  const plan = await aPlan(api, request.id, { agreedAt: '2026-12-28T10:00:00Z', safetyGoals: ['Sam goes to school'] })
  t.same(safety(plan), { workingTogetherAgreement: null, dangerStatements: [], safetyGoals: ['Sam goes to school'] })
  const intervention = await anIntervention(api, allocation.id, '2026-12-29T10:00:00Z')

  await post(api, `/allocations/${allocation.id}/joint-visit`, visit)
  const after = (await api.call({ method: 'GET', url: `/plans/${plan.id}` })).json()
  t.same(safety(after), visitSafety, 'the plan now holds what the joint visit agreed')
  t.match(after, { currentVersion: 2, summary: plan.summary, agreedAt: plan.agreedAt }, 'the rest of the plan is as it was')
  t.equal(after.actions.length, 1)
  const versions = (await api.call({ method: 'GET', url: `/plans/${plan.id}/versions` })).json().items
  t.match(versions, [
    { number: 1, reason: 'created' },
    { number: 2, reason: 'joint_visit', review: null },
  ])
  t.same(versions[0].plan.safetyGoals, ['Sam goes to school'], 'the version before is kept')
  t.same(safety(versions[1].plan), visitSafety)
  t.same(safety(await interventionOf(api, intervention.id)), visitSafety, 'the intervention shows the plan, which agrees with the visit')

  const revisedEvents = async () =>
    (await api.call({ method: 'GET', url: '/events?type=plan.revised&limit=100' })).json().items.filter((e: { subjectId: string }) => e.subjectId === plan.id)
  await until(async () => (await revisedEvents()).length > 0)
  t.match(await revisedEvents(), [
    {
      type: 'plan.revised',
      subjectType: 'plan',
      occurredAt: '2026-12-30T10:00:00.000Z',
      data: { version: 2, reason: 'joint_visit', allocationId: allocation.id },
    },
  ])
})

t.test('a joint visit that agrees with the plan makes no new version', async (t) => {
  const api = await buildTestApp(t)
  const { request, allocation } = await anAllocatedCase(api, { allocatedAt: '2026-12-24T09:00:00Z' })
  const plan = await aPlan(api, request.id, { agreedAt: '2026-12-28T10:00:00Z', ...visitSafety })
  await post(api, `/allocations/${allocation.id}/joint-visit`, visit)
  const after = (await api.call({ method: 'GET', url: `/plans/${plan.id}` })).json()
  t.match(after, { currentVersion: 1, version: plan.version })
})
