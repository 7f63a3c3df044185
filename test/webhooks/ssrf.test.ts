import type { LookupFunction } from 'node:net'
import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aTeam } from '../helpers/builders.js'
import { TEST_PG_PORT } from '../helpers/database.js'
import { PRIVATE_OK, receiver, subscribe, until, worker } from './helpers.js'

/** A DNS server of our own: every name resolves to `address`. */
const resolvingTo =
  (address: string): LookupFunction =>
  (_host, options, callback) => {
    const family = address.includes(':') ? 6 : 4
    if ((options as { all?: boolean }).all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }])
    else callback(null, address, family)
  }

const INTERNAL = [
  'http://169.254.169.254/latest/meta-data/',
  'http://metadata.google.internal/computeMetadata/v1/',
  'http://localhost:8080/hook',
  'http://app.localhost/hook',
  'http://[::1]/hook',
  'http://0.0.0.0/hook',
  'http://2130706433/hook',
  'http://127.1/hook',
  'http://0x7f000001/hook',
  'http://0177.0.0.1/hook',
  'http://10.0.0.5/hook',
  'http://172.16.3.4/hook',
  'http://192.168.1.10/hook',
  'http://100.64.0.1/hook',
  'http://[fd12:3456::1]/hook',
  'http://[fe80::1]/hook',
  'http://[::ffff:127.0.0.1]/hook',
  'http://[::]/hook',
  'http://[64:ff9b::a9fe:a9fe]/hook',
]

t.test('subscribing refuses internal targets in every spelling, and credentials in the URL', async (t) => {
  const api = await buildTestApp(t)
  for (const url of [...INTERNAL, 'http://user:pass@hooks.example.com/hook', 'https://token@hooks.example.com/hook', `http://127.0.0.1:${TEST_PG_PORT}/`]) {
    const res = await api.call({ method: 'POST', url: '/webhooks', payload: { name: 'x', url, eventTypes: ['*'] } })
    t.equal(res.statusCode, 400, `${url} refused`)
    t.match(res.json(), { type: '/problems/validation-error', errors: [{ field: 'url' }] }, `${url}: ${res.json().detail}`)
  }
  const credentials = await api.call({
    method: 'POST',
    url: '/webhooks',
    payload: { name: 'x', url: 'http://user:pass@hooks.example.com/', eventTypes: ['*'] },
  })
  t.match(credentials.json().detail, /credentials/)
  t.equal((await api.call({ method: 'GET', url: '/webhooks' })).json().items.length, 0, 'nothing was created')

  const ok = await api.call({ method: 'POST', url: '/webhooks', payload: { name: 'public', url: 'https://93.184.216.34/hook', eventTypes: ['*'] } })
  t.equal(ok.statusCode, 201, 'a public address is accepted')
  const patched = await api.call({ method: 'PATCH', url: `/webhooks/${ok.json().id}`, payload: { url: 'http://169.254.169.254/' } })
  t.match(patched, { statusCode: 400 }, 'and cannot be repointed inside')
  t.equal((await api.call({ method: 'GET', url: `/webhooks/${ok.json().id}` })).json().url, 'https://93.184.216.34/hook')
})

t.test('WEBHOOK_ALLOW_PRIVATE_TARGETS admits loopback and private ranges, never link-local or the database', async (t) => {
  const api = await buildTestApp(t, PRIVATE_OK)
  for (const url of ['http://127.0.0.1:3999/hook', 'http://localhost:3999/hook', 'http://10.0.0.5/hook', 'http://[fd12:3456::1]/hook']) {
    t.equal((await api.call({ method: 'POST', url: '/webhooks', payload: { name: 'x', url, eventTypes: ['*'] } })).statusCode, 201, `${url} allowed`)
  }
  for (const url of [
    'http://169.254.169.254/',
    'http://[fe80::1]/',
    'http://0.0.0.0/',
    'http://metadata.google.internal/',
    `http://127.0.0.1:${TEST_PG_PORT}/`,
    'http://a:b@127.0.0.1:3999/',
  ]) {
    const res = await api.call({ method: 'POST', url: '/webhooks', payload: { name: 'x', url, eventTypes: ['*'] } })
    t.equal(res.statusCode, 400, `${url} still refused: ${res.json().detail}`)
  }
})

t.test('a name that resolves to an internal address is refused when subscribing', async (t) => {
  const api = await buildTestApp(t, { webhooks: { lookup: resolvingTo('10.1.2.3') } })
  const res = await api.call({ method: 'POST', url: '/webhooks', payload: { name: 'x', url: 'https://hooks.example.com/', eventTypes: ['*'] } })
  t.equal(res.statusCode, 400)
  t.match(res.json().detail, /url: resolves to 10\.1\.2\.3, a private address/)
})

t.test('each delivery checks the address it connects to (DNS rebinding), and follows no redirect', async (t) => {
  // Public when subscribing, loopback when delivering.
  const api = await buildTestApp(t, { webhooks: { lookup: resolvingTo('93.184.216.34') } })
  const team = await aTeam(api)
  const hook = await receiver(t)
  const sub = await subscribe(api, hook, { url: `http://rebinding.example:${hook.port}/hook` })
  const strict = await worker(t, api, { disableAfter: 2 }, { lookup: resolvingTo('127.0.0.1') })
  await aFamily(api, team.id)
  await until(async () => (await api.call({ method: 'GET', url: `/webhooks/${sub.id}` })).json().status === 'disabled')
  t.equal(hook.state.requests, 0, 'the receiver on 127.0.0.1 was never called')
  const [attempted] = (await api.call({ method: 'GET', url: `/webhooks/${sub.id}/deliveries` })).json().items
  t.match(attempted, { status: 'pending', attempts: [{ statusCode: null, error: 'refused: rebinding.example resolves to 127.0.0.1, a loopback address' }, {}] })
  t.match((await api.call({ method: 'GET', url: `/webhooks/${sub.id}` })).json().disabledReason, /refused: rebinding\.example resolves to 127\.0\.0\.1/)
  await strict.stop()

  // The same name and receiver, with private targets allowed: delivered, so only the address check stood in the way.
  await worker(t, api, {}, { lookup: resolvingTo('127.0.0.1'), policy: { ...api.webhooks.policy, allowPrivate: true } })
  await api.call({ method: 'PATCH', url: `/webhooks/${sub.id}`, payload: { status: 'active' } })
  await until(() => hook.got.length >= 1)
  t.ok(hook.got[0].verified)
})

t.test('redirects are not followed', async (t) => {
  const api = await buildTestApp(t, PRIVATE_OK)
  const team = await aTeam(api)
  const elsewhere = await receiver(t)
  const redirecting = await receiver(
    t,
    () => 307,
    () => ({ location: elsewhere.url }),
  )
  const sub = await subscribe(api, redirecting, {})
  await worker(t, api, { disableAfter: 2 })
  await aFamily(api, team.id)
  await until(async () => (await api.call({ method: 'GET', url: `/webhooks/${sub.id}` })).json().status === 'disabled')
  t.equal(elsewhere.state.requests, 0, 'the redirect target was never called')
  const [attempted] = (await api.call({ method: 'GET', url: `/webhooks/${sub.id}/deliveries` })).json().items
  t.match(attempted.attempts[0], { statusCode: 307, error: 'HTTP 307 (redirects are not followed)' })
})

t.test('a stored URL that is internal or carries credentials is refused at delivery and never shown', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const hook = await receiver(t)
  const sub = await subscribe(api, null, { url: 'https://93.184.216.34/hook' })
  // As a row written before these checks existed could be.
  await api.db
    .updateTable('webhookSubscriptions')
    .set({ url: `http://user:secret@127.0.0.1:${hook.port}/hook` })
    .where('id', '=', sub.id)
    .execute()
  const shown = (await api.call({ method: 'GET', url: `/webhooks/${sub.id}` })).json().url
  t.equal(shown, `http://127.0.0.1:${hook.port}/hook`, 'GET shows the URL without its credentials')
  t.notMatch((await api.call({ method: 'GET', url: '/webhooks' })).body, /secret@/, 'and so does the list')
  await worker(t, api, { disableAfter: 1 })
  await aFamily(api, team.id)
  await until(async () => (await api.call({ method: 'GET', url: `/webhooks/${sub.id}` })).json().status === 'disabled')
  t.equal(hook.state.requests, 0, 'nothing was sent')
  t.match((await api.call({ method: 'GET', url: `/webhooks/${sub.id}` })).json().disabledReason, /must not contain credentials/)
})
