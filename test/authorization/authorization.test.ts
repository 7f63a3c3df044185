import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aTeam } from '../helpers/builders.js'
import { ACCESS, type Outcome, SCOPED_ROLES, SCOPES } from './access-table.js'
import { aTeamWorld } from './fixtures.js'
import { outcomeOf } from './observe.js'
import { type OpenApiDocument, operationsOf, overriddenOperations, requestFor } from './requests.js'

t.test('every operation of the contract answers every kind of key as the access table says', async (t) => {
  const api = await buildTestApp(t, { env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' } })
  const doc = api.app.swagger() as unknown as OpenApiDocument
  const operations = operationsOf(doc)
  const ids = new Set(operations.map((op) => op.operationId))
  t.ok(operations.length > 100, `${operations.length} operations`)
  t.same(
    operations.filter((op) => !ACCESS[op.operationId]).map((op) => op.operationId),
    [],
    'every operation has a row',
  )
  t.same(
    Object.keys(ACCESS).filter((id) => !ids.has(id)),
    [],
    'every row names an operation',
  )
  t.same(
    overriddenOperations.filter((id) => !ids.has(id)),
    [],
    'every request made by hand names an operation',
  )

  const own = await aTeamWorld(api)
  const other = await aTeam(api)
  await api.call({ method: 'POST', url: '/calendars', payload: { id: 'access-test', name: 'Access test', basedOn: 'england-and-wales' } })
  const callers: { label: string; key: string | null; expect: (op: string) => Outcome }[] = [
    { label: 'admin', key: api.adminKey, expect: (op) => ACCESS[op].admin },
    { label: 'no key', key: null, expect: (op) => ACCESS[op].anonymous },
  ]
  for (const role of SCOPED_ROLES) {
    const teams = [null, own.team.id, other.id]
    for (const [i, scope] of SCOPES.entries()) {
      callers.push({ label: `${role} (${scope})`, key: await api.keyFor(role, teams[i]), expect: (op) => ACCESS[op].scoped[role][i] })
    }
  }

  const mismatches: string[] = []
  const seen: Record<string, number> = {}
  for (const op of operations) {
    for (const caller of callers) {
      const sent = await requestFor(api, doc, op, own)
      const res = await api.call({ method: sent.method as 'GET', url: sent.url, payload: sent.payload as object, headers: sent.headers, key: caller.key })
      const got = outcomeOf(res)
      const expected = caller.expect(op.operationId)
      seen[got.startsWith('unexpected') ? 'unexpected' : got] = (seen[got.startsWith('unexpected') ? 'unexpected' : got] ?? 0) + 1
      if (got !== expected) mismatches.push(`${op.operationId} as ${caller.label}: expected ${expected}, got ${got} (${sent.method} ${sent.url})`)
    }
  }
  t.comment(`${operations.length} operations x ${callers.length} callers: ${JSON.stringify(seen)}`)
  t.same(mismatches, [], 'every answer is the one in the table')

  for (const url of ['/openapi.json', '/docs/']) {
    t.equal((await api.call({ method: 'GET', url, key: null })).statusCode, 200, `${url} is public, outside the contract's operations`)
  }
})
