import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aTeam, familyPayload } from '../helpers/builders.js'

t.test('external references', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const family = await aFamily(api, team.id, {
    externalRefs: [
      { system: 'mosaic', value: '123' },
      { system: 'eclipse', value: 'E-9' },
    ],
  })

  t.test('are unique per system', async (t) => {
    const dup = await api.call({ method: 'POST', url: '/families', payload: familyPayload(team.id, { externalRefs: [{ system: 'mosaic', value: '123' }] }) })
    t.equal(dup.statusCode, 409)
    t.equal(dup.json().type, '/problems/duplicate-external-ref')
    t.equal(
      Number(
        (
          await api.db
            .selectFrom('families')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      1,
      'no half-written family',
    )
    const otherSystem = await api.call({
      method: 'POST',
      url: '/families',
      payload: familyPayload(team.id, { externalRefs: [{ system: 'liquidlogic', value: '123' }] }),
    })
    t.equal(otherSystem.statusCode, 201, 'the same value in another system is fine')
    const viaPatch = await api.call({
      method: 'PATCH',
      url: `/families/${otherSystem.json().id}`,
      payload: { externalRefs: [{ system: 'eclipse', value: 'E-9' }] },
    })
    t.equal(viaPatch.statusCode, 409, 'a change cannot take another family’s reference either')
    const twice = await api.call({
      method: 'POST',
      url: '/families',
      payload: familyPayload(team.id, {
        externalRefs: [
          { system: 'x', value: '1' },
          { system: 'x', value: '1' },
        ],
      }),
    })
    t.equal(twice.statusCode, 400)
    t.equal(twice.json().errors[0].field, 'externalRefs[1]')
  })

  t.test('find the record with ?externalRef=system|value', async (t) => {
    const res = await api.call({ method: 'GET', url: `/families?externalRef=${encodeURIComponent('mosaic|123')}` })
    t.same(
      res.json().items.map((f: { id: string }) => f.id),
      [family.id],
    )
    t.same(res.json().items[0].externalRefs, [
      { system: 'eclipse', value: 'E-9' },
      { system: 'mosaic', value: '123' },
    ])
    const none = await api.call({ method: 'GET', url: `/families?externalRef=${encodeURIComponent('mosaic|999')}` })
    t.same(none.json().items, [])
    const malformed = await api.call({ method: 'GET', url: '/families?externalRef=mosaic' })
    t.equal(malformed.statusCode, 400)
    t.equal(malformed.json().errors[0].field, 'externalRef')
  })

  t.test('replacing the references frees the old ones', async (t) => {
    const res = await api.call({ method: 'PATCH', url: `/families/${family.id}`, payload: { externalRefs: [{ system: 'mosaic', value: '124' }] } })
    t.equal(res.statusCode, 200)
    t.same(res.json().externalRefs, [{ system: 'mosaic', value: '124' }])
    const reuse = await api.call({ method: 'POST', url: '/families', payload: familyPayload(team.id, { externalRefs: [{ system: 'mosaic', value: '123' }] }) })
    t.equal(reuse.statusCode, 201)
  })
})
