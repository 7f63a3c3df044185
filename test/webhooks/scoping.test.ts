import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aTeam } from '../helpers/builders.js'
import { PRIVATE_OK, receiver, subscribe, until, worker } from './helpers.js'

t.test('webhooks are managed by unscoped admins only: no team-scoped key reaches them', async (t) => {
  const api = await buildTestApp(t, PRIVATE_OK)
  const [a, b] = [await aTeam(api), await aTeam(api)]
  const url = 'http://127.0.0.1:3999/hook'
  const theirs = await subscribe(api, null, { url, teamId: b.id })
  const scopedAdmin = await api.call({ method: 'POST', url: '/api-keys', payload: { name: 'team A admin', role: 'admin', teamId: a.id } })
  t.equal(scopedAdmin.statusCode, 422, 'a team-scoped admin key cannot be made')
  t.match(scopedAdmin.json(), { errors: [{ in: 'body', field: 'teamId' }] })
  const manager = await api.keyFor('manager', a.id)
  for (const call of [
    { method: 'GET', url: '/webhooks' },
    { method: 'POST', url: '/webhooks', payload: { name: 'x', url, eventTypes: ['*'], teamId: a.id } },
    { method: 'GET', url: `/webhooks/${theirs.id}` },
    { method: 'POST', url: `/webhooks/${theirs.id}/rotate-secret`, payload: {} },
  ] as const) {
    t.equal((await api.call({ ...call, key: manager })).statusCode, 403, `${call.method} ${call.url} with team A's manager key: 403`)
  }
})

t.test('a subscription for one team receives that team’s events only', async (t) => {
  const api = await buildTestApp(t, PRIVATE_OK)
  const [a, b] = [await aTeam(api), await aTeam(api)]
  const scoped = await receiver(t)
  const all = await receiver(t)
  await subscribe(api, scoped, { eventTypes: ['family.created'], teamId: a.id })
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
