import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, anAllocatedCase, aTeam, requestPayload } from '../helpers/builders.js'
import { until } from '../helpers/until.js'

t.test('TRT works with families at tiers 3 and 4 on a social care plan; a manager may accept another with a reason (000 §3, §8)', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const manager = await api.keyFor('manager', team.id)
  const integration = await api.keyFor('integration', team.id)
  const request = (familyId: string, overrides: object = {}, key?: string) =>
    api.call({ method: 'POST', url: '/service-requests', payload: requestPayload(familyId, team.id, overrides), key })

  const tier2 = await aFamily(api, team.id, { tier: 2, plan: 'early_help' })
  const refused = await request(tier2.id, {}, integration)
  t.equal(refused.statusCode, 422)
  t.equal(refused.json().type, '/problems/eligibility-not-met')
  t.same(
    refused.json().errors.map((e: { field: string; message: string }) => [e.field, e.message.split(':')[0]]),
    [
      ['familyId', 'tier'],
      ['familyId', 'plan'],
    ],
    'each rule the family does not meet is named',
  )
  t.match(refused.json().detail, /tier 2; this service works with families at tiers 3 and 4 \(000 §3\)/)
  t.match(refused.json().detail, /early help plan; the work must be part of a child in need plan, or a child protection plan, or a looked-after child plan/)

  const noPlan = await aFamily(api, team.id, { tier: 4, plan: 'none' })
  const planOnly = await request(noPlan.id)
  t.equal(planOnly.statusCode, 422)
  t.same(
    planOnly.json().errors.map((e: { message: string }) => e.message.split(':')[0]),
    ['plan'],
    'a tier 4 family without a social care plan fails the plan rule only',
  )

  const byIntegration = await request(tier2.id, { eligibilityOverride: { reason: 'Agreed at the resource panel' } }, integration)
  t.equal(byIntegration.statusCode, 403, 'only a manager accepts a request outside the eligibility')
  const accepted = await request(tier2.id, { eligibilityOverride: { reason: 'Agreed at the resource panel' } }, manager)
  t.equal(accepted.statusCode, 201, accepted.body)
  t.same(
    accepted.json().eligibilityOverride,
    { reason: 'Agreed at the resource panel', rules: ['tier', 'plan'] },
    'the override keeps its reason and the rules it set aside',
  )
  // The feed shows a change once every transaction that began before it has ended: other work may be running.
  const feedUrl = `/events?type=service-request.received&familyId=${tier2.id}`
  await until(async () => (await api.call({ method: 'GET', url: feedUrl })).json().items.length > 0)
  const feed = await api.call({ method: 'GET', url: feedUrl })
  t.same(feed.json().items[0].data.eligibilityOverride, { reason: 'Agreed at the resource panel', rules: ['tier', 'plan'] }, 'and the event carries it')

  const eligible = await aFamily(api, team.id, { tier: 3, plan: 'child_protection' })
  const pointless = await request(eligible.id, { eligibilityOverride: { reason: 'Just in case' } }, manager)
  t.equal(pointless.statusCode, 400)
  t.equal(pointless.json().errors[0].field, 'eligibilityOverride', 'an override is only for a family outside the rules')
  const fine = await request(eligible.id, {}, integration)
  t.equal(fine.statusCode, 201)
  t.equal(fine.json().eligibilityOverride, null)

  const consultation = await request(tier2.id, { kind: 'consultation' }, integration)
  t.equal(consultation.statusCode, 201, 'a consultation is not checked: specialists advise on cases at tiers 2 to 4 (000 §9)')
})

t.test('a team whose preset states no eligibility takes any family', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api, { standardsPreset: 'targeted-help' })
  const family = await aFamily(api, team.id, { tier: 2, plan: 'none' })
  const res = await api.call({ method: 'POST', url: '/service-requests', payload: requestPayload(family.id, team.id, { targetOutcomes: [] }) })
  t.equal(res.statusCode, 201, 'nor asks for target outcomes')
})

t.test('a request for TRT’s direct work names at least one target outcome (000 §6)', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const family = await aFamily(api, team.id)
  for (const targetOutcomes of [undefined, []]) {
    const payload = { ...requestPayload(family.id, team.id), targetOutcomes }
    const res = await api.call({ method: 'POST', url: '/service-requests', payload })
    t.equal(res.statusCode, 400)
    t.equal(res.json().errors[0].field, 'targetOutcomes', `refused with targetOutcomes ${JSON.stringify(targetOutcomes)}`)
  }
  const created = await api.call({ method: 'POST', url: '/service-requests', payload: requestPayload(family.id, team.id) })
  t.equal(created.statusCode, 201)
  const emptied = await api.call({ method: 'PATCH', url: `/service-requests/${created.json().id}`, payload: { targetOutcomes: [] } })
  t.equal(emptied.statusCode, 400)
  t.equal(emptied.json().errors[0].field, 'targetOutcomes', 'a correction cannot remove the last target outcome')
  const consultation = await api.call({
    method: 'POST',
    url: '/service-requests',
    payload: { ...requestPayload(family.id, team.id, { kind: 'consultation' }), targetOutcomes: undefined },
  })
  t.equal(consultation.statusCode, 201, 'a request for a consultation need not name outcomes')
})

t.test('the working together agreement has danger statements and safety goals (000 §6, §8)', async (t) => {
  const api = await buildTestApp(t)
  const { allocation } = await anAllocatedCase(api)
  const visit = {
    heldAt: '2027-01-05T10:00:00Z',
    workingTogetherAgreement: 'Agreed',
    dangerStatements: ['Sam may be unsupervised'],
    safetyGoals: ['Sam is safe'],
  }
  for (const field of ['dangerStatements', 'safetyGoals']) {
    const res = await api.call({ method: 'POST', url: `/allocations/${allocation.id}/joint-visit`, payload: { ...visit, [field]: [] } })
    t.equal(res.statusCode, 400)
    t.equal(res.json().errors[0].field, field, `a joint visit without ${field} is refused`)
  }
  t.equal((await api.call({ method: 'POST', url: `/allocations/${allocation.id}/joint-visit`, payload: visit })).statusCode, 200)
})
