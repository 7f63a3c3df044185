import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aTeam } from '../helpers/builders.js'
import { PRIVATE_OK, receiver, subscribe, until, worker } from './helpers.js'

t.test('a team-limited admin key sees and manages its own team’s subscriptions only', async (t) => {
  const api = await buildTestApp(t, PRIVATE_OK)
  const [a, b] = [await aTeam(api), await aTeam(api)]
  const keyA = await api.keyFor('admin', a.id)
  const url = 'http://127.0.0.1:3999/hook'

  const mine = await subscribe(api, null, { url }, keyA)
  t.equal(mine.teamId, a.id, 'a subscription made with a team key takes its team')
  const refused = await api.call({ method: 'POST', url: '/webhooks', key: keyA, payload: { name: 'x', url, eventTypes: ['*'], teamId: b.id } })
  t.equal(refused.statusCode, 422, 'another team cannot be named')
  t.match(refused.json(), { type: '/problems/invalid-reference', errors: [{ field: 'teamId' }] })
  t.equal(
    (await api.call({ method: 'POST', url: '/webhooks', key: keyA, payload: { name: 'x', url, eventTypes: ['*'], teamId: a.id } })).statusCode,
    201,
    'its own can',
  )

  const theirs = await subscribe(api, null, { url, teamId: b.id })
  const everyone = await subscribe(api, null, { url })
  t.same(
    (await api.call({ method: 'GET', url: '/webhooks', key: keyA })).json().items.map((w: { teamId: string }) => w.teamId),
    [a.id, a.id],
    'the list shows its team’s only',
  )
  t.equal((await api.call({ method: 'GET', url: '/webhooks' })).json().items.length, 4, 'an unscoped admin key sees all')

  for (const other of [theirs, everyone]) {
    const calls = [
      { method: 'GET', url: `/webhooks/${other.id}` },
      { method: 'GET', url: `/webhooks/${other.id}/deliveries` },
      { method: 'PATCH', url: `/webhooks/${other.id}`, payload: { url: 'http://127.0.0.1:4000/stolen' } },
      { method: 'POST', url: `/webhooks/${other.id}/rotate-secret`, payload: {} },
      { method: 'POST', url: `/webhooks/${other.id}/test` },
      { method: 'POST', url: `/webhooks/${other.id}/replay`, payload: { from: '1-1' } },
      { method: 'DELETE', url: `/webhooks/${other.id}` },
    ] as const
    for (const call of calls)
      t.equal(
        (await api.call({ ...call, key: keyA })).statusCode,
        404,
        `${call.method} ${call.url.replace(other.id, other === theirs ? '<team B>' : '<unscoped>')}: 404`,
      )
    t.match((await api.call({ method: 'GET', url: `/webhooks/${other.id}` })).json(), { url, version: 1 }, 'and nothing changed')
  }
  t.equal((await api.call({ method: 'PATCH', url: `/webhooks/${mine.id}`, key: keyA, payload: { name: 'Renamed' } })).statusCode, 200, 'its own it manages')
})

t.test('a subscription made with a team key receives that team’s events only', async (t) => {
  const api = await buildTestApp(t, PRIVATE_OK)
  const [a, b] = [await aTeam(api), await aTeam(api)]
  const keyA = await api.keyFor('admin', a.id)
  const scoped = await receiver(t)
  const all = await receiver(t)
  await subscribe(api, scoped, { eventTypes: ['family.created'] }, keyA)
  await subscribe(api, all, { eventTypes: ['family.created'] })
  await worker(t, api)
  const families = [await aFamily(api, b.id), await aFamily(api, a.id), await aFamily(api, b.id), await aFamily(api, a.id)]
  await until(() => all.got.length >= 4)
  await until(() => scoped.got.length >= 2)
  t.same(
    scoped.got.map((g) => g.body.data.subjectId),
    [families[1].id, families[3].id],
    'team A’s, in order',
  )
  t.ok(scoped.got.every((g) => g.body.data.teamId === a.id))
  t.same(
    all.got.map((g) => g.body.data.subjectId),
    families.map((f) => f.id),
    'the unscoped one gets both teams’',
  )
})
