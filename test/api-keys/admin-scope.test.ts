import { type Kysely, sql } from 'kysely'
import t from 'tap'
import { v7 as uuidv7 } from 'uuid'
import { up as unscopeAdminKeys } from '../../migrations/0009_admin_keys_unscoped.js'
import { buildTestApp } from '../helpers/app.js'
import { aTeam } from '../helpers/builders.js'

t.test('admin keys are never team-scoped', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)

  const refused = await api.call({ method: 'POST', url: '/api-keys', payload: { name: 'Team admin', role: 'admin', teamId: team.id } })
  t.equal(refused.statusCode, 422, 'POST /api-keys with role admin and a teamId: 422')
  t.match(refused.json(), { type: '/problems/unprocessable', errors: [{ in: 'body', field: 'teamId' }] })
  t.equal((await api.db.selectFrom('apiKeys').select('id').where('name', '=', 'Team admin').execute()).length, 0, 'and no key was made')
  const unscoped = await api.call({ method: 'POST', url: '/api-keys', payload: { name: 'Another admin', role: 'admin' } })
  t.equal(unscoped.statusCode, 201, 'an unscoped admin key still can be')
  const scopedManager = await api.call({ method: 'POST', url: '/api-keys', payload: { name: 'Team manager', role: 'manager', teamId: team.id } })
  t.equal(scopedManager.statusCode, 201)

  const managerKey = scopedManager.json().key
  for (const role of ['viewer', 'manager', 'admin']) {
    const minted = await api.call({ method: 'POST', url: '/api-keys', key: managerKey, payload: { name: `minted ${role}`, role } })
    t.equal(minted.statusCode, 403, `a team-scoped key cannot create a ${role} key`)
  }
  for (const call of [
    { method: 'GET', url: '/api-keys' },
    { method: 'GET', url: `/api-keys/${unscoped.json().id}` },
    { method: 'POST', url: `/api-keys/${unscoped.json().id}/revoke` },
  ] as const) {
    t.equal((await api.call({ ...call, key: managerKey })).statusCode, 403, `nor ${call.method} ${call.url}`)
  }

  const insert = (role: string, teamId: string | null) =>
    api.db
      .insertInto('apiKeys')
      .values({ id: uuidv7(), name: 'direct', role: role as 'admin', teamId, keyHash: uuidv7(), keyPrefix: 'fwk_direct' })
      .execute()
      .then(
        () => null,
        (error: { code?: string; constraint?: string }) => error,
      )
  t.match(await insert('admin', team.id), { code: '23514', constraint: 'api_keys_admin_unscoped' }, 'the database refuses a team-scoped admin key too')
})

t.test('migration 0009 turns team-scoped admin keys into team-scoped manager keys', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  // The table as it was before 0009.
  await sql`ALTER TABLE api_keys DROP CONSTRAINT api_keys_admin_unscoped`.execute(api.db)
  const [scoped, global] = [uuidv7(), uuidv7()]
  await api.db
    .insertInto('apiKeys')
    .values([
      { id: scoped, name: 'old team admin', role: 'admin', teamId: team.id, keyHash: uuidv7(), keyPrefix: 'fwk_old1' },
      { id: global, name: 'old admin', role: 'admin', teamId: null, keyHash: uuidv7(), keyPrefix: 'fwk_old2' },
    ])
    .execute()
  await unscopeAdminKeys(api.db as unknown as Kysely<unknown>)
  const rows = await api.db.selectFrom('apiKeys').select(['id', 'role', 'teamId', 'version']).where('id', 'in', [scoped, global]).execute()
  t.match(
    rows.find((r) => r.id === scoped),
    { role: 'manager', teamId: team.id, version: 2 },
    'the scoped admin is now its team’s manager',
  )
  t.match(
    rows.find((r) => r.id === global),
    { role: 'admin', teamId: null, version: 1 },
    'an unscoped admin is left alone',
  )
  const again = await api.db
    .updateTable('apiKeys')
    .set({ role: 'admin' })
    .where('id', '=', scoped)
    .execute()
    .then(
      () => null,
      (error: { code?: string }) => error,
    )
  t.match(again, { code: '23514' }, 'and the check is in place')
})
