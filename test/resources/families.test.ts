import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aTeam, familyPayload } from '../helpers/builders.js'

t.test('families', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const integration = await api.keyFor('integration', team.id)

  const res = await api.call({
    method: 'POST',
    url: '/families',
    key: integration,
    payload: familyPayload(team.id, { reference: 'FAM-0001', externalRefs: [{ system: 'mosaic', value: '123' }] }),
  })
  t.equal(res.statusCode, 201, 'a case system registers a family')
  const family = res.json()
  t.match(family, {
    reference: 'FAM-0001',
    tier: 3,
    plan: 'child_in_need',
    teamId: team.id,
    address: null,
    leadProfessional: { name: 'Jo Example', role: 'social_worker', organisation: "Children's Social Care", email: 'jo@example.org' },
    externalRefs: [{ system: 'mosaic', value: '123' }],
  })
  t.equal(family.members.length, 2)
  t.ok(
    family.members.every((m: { id: string }) => /^[0-9a-f-]{36}$/.test(m.id)),
    'members get ids',
  )
  t.same(
    family.members.map((m: { role: string }) => m.role),
    ['child', 'parent_carer'],
  )

  t.test('carries an SLA block, none before any clock, as of asOf', async (t) => {
    const read = await api.call({ method: 'GET', url: `/families/${family.id}?asOf=2026-12-29T12:00:00Z` })
    t.same(read.json().sla, { asOf: '2026-12-29T12:00:00.000Z', status: 'none', clocks: [] })
    const byDate = await api.call({ method: 'GET', url: `/families/${family.id}?asOf=2026-07-01` })
    t.equal(byDate.json().sla.asOf, '2026-07-01T22:59:59.999Z', 'a date means the end of that day in London (BST here)')
  })

  t.test('replacing members keeps the ids sent back', async (t) => {
    const [child] = family.members
    const res = await api.call({
      method: 'PATCH',
      url: `/families/${family.id}`,
      payload: { members: [child, { givenName: 'Robin', familyName: 'Example', role: 'child', dateOfBirth: '2019-05-05' }] },
    })
    t.equal(res.statusCode, 200)
    const members = res.json().members
    t.equal(members[0].id, child.id)
    t.not(members[1].id, family.members[1].id)
    t.equal(members[1].givenName, 'Robin')
  })

  t.test('address and lead professional can be set and cleared', async (t) => {
    const set = await api.call({ method: 'PATCH', url: `/families/${family.id}`, payload: { address: { line1: '1 High Street', postcode: 'AB1 2CD' } } })
    t.same(set.json().address, { line1: '1 High Street', postcode: 'AB1 2CD' })
    const cleared = await api.call({ method: 'PATCH', url: `/families/${family.id}`, payload: { address: null, leadProfessional: null } })
    t.equal(cleared.json().address, null)
    t.equal(cleared.json().leadProfessional, null)
  })

  t.test('list filters', async (t) => {
    const other = await aFamily(api, team.id, { tier: 4, plan: 'child_protection', reference: 'FAM-0002' })
    const tier4 = await api.call({ method: 'GET', url: '/families?tier=4' })
    t.same(
      tier4.json().items.map((f: { id: string }) => f.id),
      [other.id],
    )
    const byPlan = await api.call({ method: 'GET', url: '/families?plan=child_in_need' })
    t.same(
      byPlan.json().items.map((f: { id: string }) => f.id),
      [family.id],
    )
    const byRef = await api.call({ method: 'GET', url: '/families?reference=FAM-0002' })
    t.same(
      byRef.json().items.map((f: { id: string }) => f.id),
      [other.id],
    )
    const otherTeam = await aTeam(api)
    await aFamily(api, otherTeam.id)
    const byTeam = await api.call({ method: 'GET', url: `/families?teamId=${otherTeam.id}` })
    t.equal(byTeam.json().items.length, 1)
  })

  t.test('members are required and tier is 2 to 4', async (t) => {
    const none = await api.call({ method: 'POST', url: '/families', payload: familyPayload(team.id, { members: [] }) })
    t.equal(none.statusCode, 400)
    t.equal(none.json().errors[0].field, 'members')
    const tier1 = await api.call({ method: 'POST', url: '/families', payload: familyPayload(team.id, { tier: 1 }) })
    t.equal(tier1.json().errors[0].field, 'tier')
  })
})

t.test('a new family is answered as a read of it shows it, in two statements fewer than a read would take', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const refs = [
    { system: 'mosaic', value: 'b-2' },
    { system: 'Eclipse', value: '9' },
    { system: 'mosaic', value: 'a-10' },
  ]
  const responses: Awaited<ReturnType<typeof api.call>>[] = []
  const sql = await api.queriesOf(async () => {
    responses.push(await api.call({ method: 'POST', url: '/families', payload: familyPayload(team.id, { externalRefs: refs }) }))
  })
  const [response] = responses
  t.equal(response.statusCode, 201)
  const body = response.json()
  const read = await api.call({ method: 'GET', url: `/families/${body.id}` })
  t.same(body, read.json(), 'the same family, references in the same order, the same (empty) SLA block')
  t.same(body.externalRefs, [
    { system: 'Eclipse', value: '9' },
    { system: 'mosaic', value: 'a-10' },
    { system: 'mosaic', value: 'b-2' },
  ])
  t.notOk(
    sql.some((q) => /^delete/i.test(q)),
    'nothing to delete for a new family',
  )
  t.notOk(
    sql.some((q) => /^select .* from "sla_clocks"/i.test(q)),
    'no clocks read back',
  )
})
