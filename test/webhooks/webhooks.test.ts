import t from 'tap'
import { verify } from '../../src/webhooks/signing.js'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aTeam } from '../helpers/builders.js'
import { deliveryLog, PRIVATE_OK, receiver, subscribe, until, worker } from './helpers.js'

t.test('signed deliveries, retried with backoff after failures, logged', async (t) => {
  const api = await buildTestApp(t, PRIVATE_OK)
  const team = await aTeam(api)
  const hook = await receiver(t, (n) => (n <= 3 ? 500 : 200))
  const created = await api.call({
    method: 'POST',
    url: '/webhooks',
    payload: { name: 'Mosaic', url: hook.url, eventTypes: ['family.created', 'family.updated'] },
  })
  t.equal(created.statusCode, 201)
  const sub = created.json()
  t.match(sub.secret, /^whsec_/, 'the secret is shown once')
  hook.state.secret = sub.secret
  t.equal((await api.call({ method: 'GET', url: `/webhooks/${sub.id}` })).json().secret, undefined, 'and never again')
  t.equal((await api.call({ method: 'GET', url: '/webhooks', key: await api.keyFor('manager') })).statusCode, 403, 'admins only')

  await worker(t, api, { disableAfter: 10 })
  const families = [await aFamily(api, team.id), await aFamily(api, team.id), await aFamily(api, team.id)]
  await until(() => hook.got.length >= 3)
  t.ok(
    hook.got.every((g) => g.verified),
    'the receiver verifies every signature',
  )
  t.same(
    hook.got.map((g) => g.body.data.subjectId),
    families.map((f) => f.id),
    'each event once, in order',
  )
  t.match(hook.got[0].body, { type: 'family.created', data: { subjectId: families[0].id } })

  const log = await deliveryLog(api, sub.id, 3)
  t.equal(log.length, 3)
  t.ok(log.every((d: { status: string }) => d.status === 'delivered'))
  t.same(
    log[0].attempts.map((a: { statusCode: number }) => a.statusCode),
    [500, 500, 500, 200],
    'the first failed three times, then went through',
  )
  t.ok(
    log.slice(1).every((d: { attempts: unknown[] }) => d.attempts.length === 1),
    'the others waited behind it and went through first time',
  )
  t.match(log[0], { eventType: 'family.created', position: /^\d+-\d+$/ })
  const gaps = log[0].attempts.slice(1).map((a: { at: string }, i: number) => new Date(a.at).getTime() - new Date(log[0].attempts[i].at).getTime())
  t.ok(gaps[1] > gaps[0] && gaps[2] > gaps[1], `backoff grows: ${gaps.join(', ')} ms`)
  t.equal((await api.call({ method: 'GET', url: `/webhooks/${sub.id}` })).json().consecutiveFailures, 0)
})

t.test('a subscription that keeps failing is disabled and says so; rotation signs with both secrets', async (t) => {
  const api = await buildTestApp(t, PRIVATE_OK)
  const team = await aTeam(api)
  const hook = await receiver(t, () => 503)
  const sub = await subscribe(api, hook, { name: 'Broken', eventTypes: ['*'] })
  await worker(t, api, { disableAfter: 3 })
  await aFamily(api, team.id)
  await until(async () => (await api.call({ method: 'GET', url: `/webhooks/${sub.id}` })).json().status === 'disabled')
  const disabled = (await api.call({ method: 'GET', url: `/webhooks/${sub.id}` })).json()
  t.match(disabled, { status: 'disabled', consecutiveFailures: 3, disabledReason: /3 consecutive failed delivery attempts \(last: HTTP 503\)/ })
  // The feed shows an event once no older transaction is still open (it never skips one), so give it a moment.
  const disabledEvents = async () => (await api.call({ method: 'GET', url: '/events?type=webhook.disabled' })).json().items
  await until(async () => (await disabledEvents()).length > 0)
  t.equal((await disabledEvents()).length, 1, 'an event says so')

  const rotated = await api.call({ method: 'POST', url: `/webhooks/${sub.id}/rotate-secret`, payload: {} })
  t.equal(rotated.json().signingSecrets, 2)
  const ok = await receiver(t, () => 200)
  ok.state.secret = sub.secret
  await api.call({ method: 'PATCH', url: `/webhooks/${sub.id}`, payload: { status: 'active', url: ok.url } })
  await aFamily(api, team.id)
  await until(() => ok.got.length >= 2)
  t.equal(String(ok.got[0].headers['webhook-signature']).split(' ').length, 2, 'two signatures during rotation')
  t.ok(
    ok.got.every((g) => g.verified),
    'the old secret still verifies',
  )
  t.ok(verify(rotated.json().secret, ok.got[0].headers, ok.got[0].raw, Math.floor(Date.now() / 1000)), 'and so does the new one')
})
