import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aTeam } from '../helpers/builders.js'

t.test('API keys', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)

  const res = await api.call({ method: 'POST', url: '/api-keys', payload: { name: 'Mosaic integration', role: 'integration', teamId: team.id } })
  t.equal(res.statusCode, 201)
  const created = res.json()
  t.match(created, { name: 'Mosaic integration', role: 'integration', teamId: team.id, revokedAt: null, version: 1 })
  t.match(created.key, /^fwk_[A-Za-z0-9_-]{43}$/, 'the secret is shown once')
  t.ok(created.key.startsWith(created.prefix))

  const stored = await api.db.selectFrom('apiKeys').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow()
  t.not(stored.keyHash, created.key, 'only a hash is stored')
  t.notOk(JSON.stringify(stored).includes(created.key))

  const read = await api.call({ method: 'GET', url: `/api-keys/${created.id}` })
  t.notOk('key' in read.json(), 'never shown again')
  const list = await api.call({ method: 'GET', url: '/api-keys' })
  t.ok(list.json().items.some((k: { id: string }) => k.id === created.id))
  t.notOk(list.body.includes(created.key))

  const works = await api.call({ method: 'GET', url: '/families', key: created.key })
  t.equal(works.statusCode, 200, 'the new key works')

  const revoked = await api.call({ method: 'POST', url: `/api-keys/${created.id}/revoke` })
  t.equal(revoked.statusCode, 200)
  t.ok(revoked.json().revokedAt)
  t.equal((await api.call({ method: 'GET', url: '/families', key: created.key })).statusCode, 401, 'a revoked key is refused at once')
  const active = await api.call({ method: 'GET', url: '/api-keys' })
  t.notOk(
    active.json().items.some((k: { id: string }) => k.id === created.id),
    'revoked keys are hidden by default',
  )
  const all = await api.call({ method: 'GET', url: '/api-keys?includeRevoked=true' })
  t.ok(all.json().items.some((k: { id: string }) => k.id === created.id))

  const badRole = await api.call({ method: 'POST', url: '/api-keys', payload: { name: 'x', role: 'superuser' } })
  t.equal(badRole.statusCode, 400)
  t.equal(badRole.json().errors[0].field, 'role')
  const badTeam = await api.call({ method: 'POST', url: '/api-keys', payload: { name: 'x', role: 'viewer', teamId: '01890000-0000-7000-8000-000000000000' } })
  t.equal(badTeam.statusCode, 422)
})

t.test('the bootstrap admin key', async (t) => {
  const { ensureBootstrapAdminKey } = await import('../../src/api-keys/api-key.service.js')
  const api = await buildTestApp(t)
  await api.db.deleteFrom('apiKeys').execute()
  const first = await ensureBootstrapAdminKey(api.db, undefined)
  t.match(first, /^fwk_/, 'generated when no admin key exists')
  t.equal(await ensureBootstrapAdminKey(api.db, undefined), null, 'and only once')
  t.equal((await api.call({ method: 'GET', url: '/api-keys', key: first })).statusCode, 200)
  const configured = 'a-configured-admin-key-of-enough-length'
  t.equal(await ensureBootstrapAdminKey(api.db, configured), null)
  await ensureBootstrapAdminKey(api.db, configured)
  t.equal((await api.call({ method: 'GET', url: '/api-keys', key: configured })).statusCode, 200, 'ADMIN_API_KEY works, registered once')
  t.equal((await api.db.selectFrom('apiKeys').select('id').execute()).length, 2)
})
