import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import pino from 'pino'
import t from 'tap'
import { startJobs, type WebhookJobOptions } from '../../src/jobs/queue.js'
import { verify } from '../../src/webhooks/signing.js'
import { buildTestApp, type TestApp } from '../helpers/app.js'
import { aFamily, aTeam } from '../helpers/builders.js'

/** A local receiver that checks each signature; `respond` decides the status of each request. */
async function receiver(t: Tap, respond: (n: number) => number) {
  const got: { id: string; body: { type: string; data: { id: number } }; headers: IncomingHttpHeaders; verified: boolean }[] = []
  const state = { secret: '', requests: 0 }
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => { body += c })
    req.on('end', () => {
      const status = respond(++state.requests)
      if (status < 300) got.push({ id: String(req.headers['webhook-id']), body: JSON.parse(body), headers: req.headers, verified: verify(state.secret, req.headers, body, Math.floor(Date.now() / 1000)) })
      res.writeHead(status).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise((resolve) => server.close(resolve)))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got, state }
}
type Tap = { teardown: (fn: () => unknown) => void }

const jobs = (api: TestApp, webhooks: WebhookJobOptions) =>
  startJobs({ db: api.db, connectionString: api.url, log: pino({ level: 'silent' }), pollingIntervalSeconds: 0.5, webhooks: { retryDelaySeconds: 1, dispatchIntervalMs: 200, ...webhooks } })

const until = async (what: () => Promise<boolean> | boolean, ms = 60_000) => {
  const started = Date.now()
  while (!(await what())) {
    if (Date.now() - started > ms) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 200))
  }
}

t.test('signed deliveries, retried with backoff after failures, logged, and at least once across a crash after commit', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const hook = await receiver(t, (n) => (n <= 3 ? 500 : 200))
  const created = await api.call({ method: 'POST', url: '/webhooks', payload: { name: 'Mosaic', url: hook.url, eventTypes: ['family.created', 'family.updated'] } })
  t.equal(created.statusCode, 201)
  const sub = created.json()
  t.match(sub.secret, /^whsec_/, 'the secret is shown once')
  hook.state.secret = sub.secret
  t.equal((await api.call({ method: 'GET', url: `/webhooks/${sub.id}` })).json().secret, undefined, 'and never again')
  t.equal((await api.call({ method: 'GET', url: '/webhooks', key: await api.keyFor('manager') })).statusCode, 403, 'admins only')

  const running = await jobs(api, { disableAfter: 10 })
  const first = await aFamily(api, team.id)
  await until(() => hook.got.length >= 1)
  t.ok(hook.got[0].verified, 'the receiver verifies the signature')
  t.match(hook.got[0].body, { type: 'family.created', data: { subjectId: first.id } })

  // The process dies between commit and delivery: this instance queues deliveries but never runs them.
  await running.stop()
  const dying = await jobs(api, { deliver: false })
  const more = [await aFamily(api, team.id), await aFamily(api, team.id)]
  await until(async () => (await api.db.selectFrom('webhookDeliveries').select('id').where('subscriptionId', '=', sub.id).execute()).length >= 3)
  await dying.stop()
  t.equal(hook.got.length, 1, 'nothing delivered while no instance delivers')

  const restarted = await jobs(api, { disableAfter: 10 })
  t.teardown(() => restarted.stop())
  await until(() => more.every((f) => hook.got.some((g) => g.body.data.id && (g.body as unknown as { data: { subjectId: string } }).data.subjectId === f.id)))
  t.ok(hook.got.every((g) => g.verified), 'every delivery verified')
  t.equal(new Set(hook.got.map((g) => g.id)).size, 3, 'each event delivered (at least once)')

  const log = (await api.call({ method: 'GET', url: `/webhooks/${sub.id}/deliveries` })).json().items
  t.equal(log.length, 3)
  t.ok(log.every((d: { status: string }) => d.status === 'delivered'))
  t.same(log[0].attempts.map((a: { statusCode: number }) => a.statusCode), [500, 500, 500, 200], 'failed three times, then recovered')
  t.comment(`delivery log: ${JSON.stringify(log, null, 1)}`)
  t.equal((await api.call({ method: 'GET', url: `/webhooks/${sub.id}` })).json().consecutiveFailures, 0)
})

t.test('a subscription that keeps failing is disabled and says so; rotation signs with both secrets', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const hook = await receiver(t, () => 503)
  const sub = (await api.call({ method: 'POST', url: '/webhooks', payload: { name: 'Broken', url: hook.url, eventTypes: ['*'] } })).json()
  const running = await jobs(api, { disableAfter: 3, retryLimit: 5 })
  t.teardown(() => running.stop())
  await aFamily(api, team.id)
  await until(async () => (await api.call({ method: 'GET', url: `/webhooks/${sub.id}` })).json().status === 'disabled')
  const disabled = (await api.call({ method: 'GET', url: `/webhooks/${sub.id}` })).json()
  t.match(disabled, { status: 'disabled', consecutiveFailures: 3, disabledReason: /3 consecutive failed delivery attempts \(last: HTTP 503\)/ })
  t.equal((await api.call({ method: 'GET', url: '/events?type=webhook.disabled' })).json().items.length, 1, 'an event says so')

  const rotated = await api.call({ method: 'POST', url: `/webhooks/${sub.id}/rotate-secret`, payload: {} })
  t.equal(rotated.json().signingSecrets, 2)
  const ok = await receiver(t, () => 200)
  ok.state.secret = sub.secret
  await api.call({ method: 'PATCH', url: `/webhooks/${sub.id}`, payload: { status: 'active', url: ok.url } })
  await aFamily(api, team.id)
  await until(() => ok.got.length >= 1)
  t.equal(String(ok.got[0].headers['webhook-signature']).split(' ').length, 2, 'two signatures during rotation')
  t.ok(ok.got.every((g) => g.verified), 'the old secret still verifies')
  ok.state.secret = rotated.json().secret
  t.ok(verify(rotated.json().secret, ok.got[0].headers, JSON.stringify(ok.got[0].body), Math.floor(Date.now() / 1000)), 'and so does the new one')
})
