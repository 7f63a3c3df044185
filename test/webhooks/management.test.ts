import t from 'tap'
import { v7 as uuidv7 } from 'uuid'
import { verify } from '../../src/webhooks/signing.js'
import { buildTestApp, type TestApp } from '../helpers/app.js'
import { aFamily, aTeam } from '../helpers/builders.js'
import { deliveryLog, PRIVATE_OK, receiver, subscribe, until, worker } from './helpers.js'

t.test('event types are checked against the catalogue', async (t) => {
  const api = await buildTestApp(t)
  const misspelt = await api.call({
    method: 'POST',
    url: '/webhooks',
    payload: { name: 'x', url: 'https://93.184.216.34/', eventTypes: ['family.created', 'family.create'] },
  })
  t.equal(misspelt.statusCode, 400)
  t.match(misspelt.json(), { type: '/problems/validation-error', errors: [{ in: 'body', field: 'eventTypes[1]', message: /must be one of: \*, / }] })
  const ok = await api.call({
    method: 'POST',
    url: '/webhooks',
    payload: { name: 'x', url: 'https://93.184.216.34/', eventTypes: ['service-request.updated', 'sla-clock.overdue'] },
  })
  t.equal(ok.statusCode, 201, 'every catalogued type is accepted, service-request.updated included')
  const patched = await api.call({ method: 'PATCH', url: `/webhooks/${ok.json().id}`, payload: { eventTypes: ['allocation.creatd'] } })
  t.match(patched, { statusCode: 400 })
  t.match(patched.json().errors, [{ field: 'eventTypes[0]' }])
})

t.test('signing secrets are sealed at rest; shown once on creation and on rotation', async (t) => {
  const api = await buildTestApp(t)
  const sub = await subscribe(api, null, { url: 'https://93.184.216.34/' })
  const stored = JSON.stringify((await api.db.selectFrom('webhookSubscriptions').select('secrets').where('id', '=', sub.id).executeTakeFirstOrThrow()).secrets)
  t.notOk(stored.includes(sub.secret.slice(6)), 'the row does not hold the secret')
  t.match(stored, /"sealed":"v1:[0-9a-f]{8}:/, 'it holds it sealed')
  const rotated = (await api.call({ method: 'POST', url: `/webhooks/${sub.id}/rotate-secret`, payload: { previousValidForHours: 1 } })).json()
  t.match(rotated.secret, /^whsec_/)
  const after = JSON.stringify((await api.db.selectFrom('webhookSubscriptions').select('secrets').where('id', '=', sub.id).executeTakeFirstOrThrow()).secrets)
  t.notOk(after.includes(rotated.secret.slice(6)) || after.includes(sub.secret.slice(6)), 'neither secret is in clear after rotation')
  const listed = (await api.call({ method: 'GET', url: '/webhooks' })).body + (await api.call({ method: 'GET', url: `/webhooks/${sub.id}` })).body
  t.notOk(listed.includes('whsec_') || listed.includes('sealed'), 'reads show neither')
})

t.test('secrets written in clear by an earlier version are sealed at start and still sign', async (t) => {
  const api = await buildTestApp(t, PRIVATE_OK)
  const team = await aTeam(api)
  const hook = await receiver(t)
  const sub = await subscribe(api, hook, {})
  const plain = `whsec_${Buffer.alloc(32, 7).toString('base64')}`
  await api.db
    .updateTable('webhookSubscriptions')
    .set({ secrets: JSON.stringify([{ secret: plain, createdAt: new Date().toISOString(), expiresAt: null }]) })
    .where('id', '=', sub.id)
    .execute()
  hook.state.secret = plain
  await worker(t, api)
  const row = await api.db.selectFrom('webhookSubscriptions').select('secrets').where('id', '=', sub.id).executeTakeFirstOrThrow()
  t.notOk(JSON.stringify(row.secrets).includes(plain.slice(6)), 'sealed when the worker started')
  t.equal(row.secrets.length, 1)
  await aFamily(api, team.id)
  await until(() => hook.got.length >= 1)
  t.ok(hook.got[0].verified, 'the delivery verifies with the secret the receiver always had')
})

t.test('without a key, webhooks cannot be made and say why', async (t) => {
  const api = await buildTestApp(t, { webhooks: { secretKey: null } })
  const res = await api.call({ method: 'POST', url: '/webhooks', payload: { name: 'x', url: 'https://93.184.216.34/', eventTypes: ['*'] } })
  t.equal(res.statusCode, 503)
  t.match(res.json().detail, /WEBHOOK_SECRET_KEY/)
})

/**
 * The events of a type, once the feed shows any: it shows an event when every transaction begun before it
 * has ended, in any database of the cluster (another test file's included).
 */
async function feedOnceShown(api: TestApp, type: string) {
  const read = async () => (await api.call({ method: 'GET', url: `/events?type=${type}` })).json().items
  await until(async () => (await read()).length > 0)
  return read()
}

t.test('DELETE ends a subscription', async (t) => {
  const api = await buildTestApp(t, PRIVATE_OK)
  const team = await aTeam(api)
  const hook = await receiver(t)
  const sub = await subscribe(api, hook, { eventTypes: ['family.created'] })
  await worker(t, api)
  await aFamily(api, team.id)
  await until(() => hook.got.length >= 1)
  t.equal(
    (await api.call({ method: 'DELETE', url: `/webhooks/${sub.id}`, headers: { 'if-match': '"7"' } })).statusCode,
    412,
    'a stale If-Match changes nothing',
  )
  t.equal((await api.call({ method: 'DELETE', url: `/webhooks/${sub.id}`, headers: { 'if-match': `"${sub.version}"` } })).statusCode, 204)
  t.equal((await api.call({ method: 'GET', url: `/webhooks/${sub.id}` })).statusCode, 404)
  t.equal((await api.call({ method: 'GET', url: `/webhooks/${sub.id}/deliveries` })).statusCode, 404)
  t.equal((await api.call({ method: 'DELETE', url: `/webhooks/${sub.id}` })).statusCode, 404, 'once')
  t.equal((await api.call({ method: 'DELETE', url: `/webhooks/${uuidv7()}` })).statusCode, 404)
  t.match(await feedOnceShown(api, 'webhook.deleted'), [{ subjectId: sub.id }])
  const other = await receiver(t)
  await subscribe(api, other, { eventTypes: ['family.created'] })
  await aFamily(api, team.id)
  await until(() => other.got.length >= 1)
  t.equal(hook.got.length, 1, 'nothing more reaches the deleted subscription’s URL')
})

t.test('POST /webhooks/{id}/test sends a signed ping and reports the answer', async (t) => {
  const api = await buildTestApp(t, PRIVATE_OK)
  const hook = await receiver(t, (n) => (n === 1 ? 200 : 500))
  const sub = await subscribe(api, hook, {})
  const ping = await api.call({ method: 'POST', url: `/webhooks/${sub.id}/test` })
  t.equal(ping.statusCode, 200)
  t.match(ping.json(), { webhookId: /^ping_/, delivered: true, statusCode: 200, error: null })
  t.equal(hook.got.length, 1)
  t.match(hook.got[0].body, { type: 'webhook.ping', data: { subscriptionId: sub.id } })
  t.equal(hook.got[0].id, ping.json().webhookId)
  t.ok(verify(sub.secret, hook.got[0].headers, hook.got[0].raw, Math.floor(Date.now() / 1000)), 'verifiable with the subscription’s secret')
  t.notOk(verify(`whsec_${Buffer.alloc(32).toString('base64')}`, hook.got[0].headers, hook.got[0].raw, Math.floor(Date.now() / 1000)), 'and with no other')
  t.match((await api.call({ method: 'POST', url: `/webhooks/${sub.id}/test` })).json(), { delivered: false, statusCode: 500, error: 'HTTP 500' })
  t.equal((await api.call({ method: 'GET', url: `/webhooks/${sub.id}/deliveries` })).json().items.length, 0, 'pings are not logged as deliveries')
})

t.test('POST /webhooks/{id}/replay delivers again from a feed position, in order', async (t) => {
  const api = await buildTestApp(t, PRIVATE_OK)
  const team = await aTeam(api)
  const hook = await receiver(t)
  const sub = await subscribe(api, hook, { eventTypes: ['family.created'] })
  await worker(t, api)
  for (let i = 0; i < 4; i++) await aFamily(api, team.id)
  await until(() => hook.got.length >= 4)
  const log = await deliveryLog(api, sub.id, 4)
  t.same(
    log.map((d: { position: string }) => d.position),
    hook.got.map((g) => g.body.data.position),
    'the log gives each delivery’s position',
  )
  const current = (await api.call({ method: 'GET', url: `/webhooks/${sub.id}` })).json()
  t.equal(current.deliveredThrough, hook.got[3].body.data.position)

  const from = hook.got[1].body.data.position
  const replayed = await api.call({ method: 'POST', url: `/webhooks/${sub.id}/replay`, payload: { from } })
  t.equal(replayed.statusCode, 200)
  await until(() => hook.got.length >= 7)
  t.same(
    hook.got.slice(4).map((g) => g.id),
    hook.got.slice(1, 4).map((g) => g.id),
    'the 2nd, 3rd and 4th again, in order, with their webhook-ids',
  )
  t.match(await feedOnceShown(api, 'webhook.replayed'), [{ subjectId: sub.id, data: { from } }])

  const ahead = await api.call({ method: 'POST', url: `/webhooks/${sub.id}/replay`, payload: { from: '999999999-1' } })
  t.equal(ahead.statusCode, 400, 'a replay never skips ahead')
  t.match(ahead.json().errors, [{ field: 'from' }])
  t.equal((await api.call({ method: 'POST', url: `/webhooks/${sub.id}/replay`, payload: { from: 'nowhere' } })).statusCode, 400)
})
