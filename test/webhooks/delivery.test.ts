import { spawn } from 'node:child_process'
import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aTeam } from '../helpers/builders.js'
import { byPosition, deliveryLog, PRIVATE_OK, receiver, subscribe, until, worker } from './helpers.js'

t.test('each subscription gets its events in feed order when they are written concurrently', async (t) => {
  const api = await buildTestApp(t, PRIVATE_OK)
  const teams = [await aTeam(api), await aTeam(api)]
  const hooks = [await receiver(t), await receiver(t), await receiver(t)]
  for (const hook of hooks) await subscribe(api, hook, { eventTypes: ['family.created'] })
  await worker(t, api, { flushEvery: 7 })
  for (let round = 0; round < 6; round++) await Promise.all(Array.from({ length: 10 }, (_, i) => aFamily(api, teams[i % 2].id)))
  await until(() => hooks.every((h) => h.got.length >= 60))
  const feed = (await api.call({ method: 'GET', url: '/events?type=family.created&limit=500' })).json().items.map((e: { position: string }) => e.position)
  for (const [i, hook] of hooks.entries()) {
    const positions = hook.got.map((g) => g.body.data.position)
    t.same(positions, feed, `subscription ${i + 1}: all 60, in the feed’s order`)
    t.same(positions, [...positions].sort(byPosition))
    t.equal(new Set(hook.got.map((g) => g.id)).size, 60, 'each once')
  }
})

t.test('a subscription disabled after failures keeps its backlog: re-enabled, it delivers from where it stopped', async (t) => {
  const api = await buildTestApp(t, PRIVATE_OK)
  const team = await aTeam(api)
  const state = { up: false }
  const hook = await receiver(t, () => (state.up ? 200 : 503))
  const sub = await subscribe(api, hook, { eventTypes: ['family.created'] })
  await worker(t, api, { disableAfter: 2 })
  const first = await aFamily(api, team.id)
  await until(async () => (await api.call({ method: 'GET', url: `/webhooks/${sub.id}` })).json().status === 'disabled')
  const meanwhile = [await aFamily(api, team.id), await aFamily(api, team.id), await aFamily(api, team.id)]
  await new Promise((r) => setTimeout(r, 500))
  t.equal(hook.got.length, 0, 'nothing is delivered while disabled')
  state.up = true
  t.equal((await api.call({ method: 'PATCH', url: `/webhooks/${sub.id}`, payload: { status: 'active' } })).statusCode, 200)
  await until(() => hook.got.length >= 4)
  t.same(
    hook.got.map((g) => g.body.data.subjectId),
    [first, ...meanwhile].map((f) => f.id),
    'the failed event first, then what happened meanwhile, in order',
  )
  const log = await deliveryLog(api, sub.id, 4)
  t.same(
    log[0].attempts.map((a: { statusCode: number }) => a.statusCode),
    [503, 503, 200],
    'the first one’s attempts, in one entry',
  )
  t.equal(log.length, 4)
})

t.test('two instances on one database deliver each event once, in order', async (t) => {
  const api = await buildTestApp(t, PRIVATE_OK)
  const team = await aTeam(api)
  const hooks = await Promise.all(Array.from({ length: 6 }, () => receiver(t)))
  for (const hook of hooks) await subscribe(api, hook, { eventTypes: ['family.created'] })
  // Small lanes and batches, so the two instances keep handing subscriptions to each other.
  await worker(t, api, { batchSize: 5, yieldAfterMs: 0, flushEvery: 2 })
  await worker(t, api, { batchSize: 5, yieldAfterMs: 0, flushEvery: 2 })
  const owners = new Set<string>()
  const watching = setInterval(
    () =>
      void api.db
        .selectFrom('webhookSubscriptions')
        .select('leaseOwner')
        .where('leaseOwner', 'is not', null)
        .execute()
        .then(
          (rows) => {
            for (const r of rows) owners.add(r.leaseOwner!)
          },
          () => undefined,
        ),
    10,
  )
  for (let round = 0; round < 8; round++) await Promise.all(Array.from({ length: 5 }, () => aFamily(api, team.id)))
  await until(() => hooks.every((h) => h.got.length >= 40))
  clearInterval(watching)
  t.equal(owners.size, 2, 'both instances took subscriptions')
  await new Promise((r) => setTimeout(r, 500))
  for (const hook of hooks) {
    t.equal(hook.got.length, 40, 'forty deliveries')
    t.equal(new Set(hook.got.map((g) => g.id)).size, 40, 'of forty events: none twice')
    const positions = hook.got.map((g) => g.body.data.position)
    t.same(positions, [...positions].sort(byPosition), 'in feed order')
  }
})

t.test('a receiver that hangs holds up only its own subscription', async (t) => {
  const api = await buildTestApp(t, PRIVATE_OK)
  const team = await aTeam(api)
  const hung = await receiver(t, () => 'hang')
  const healthy = await receiver(t)
  await subscribe(api, hung, { eventTypes: ['family.created'] })
  await subscribe(api, healthy, { eventTypes: ['family.created'] })
  await worker(t, api, {}, { timeoutMs: 30_000 })
  for (let i = 0; i < 10; i++) await aFamily(api, team.id)
  await until(() => healthy.got.length >= 10)
  t.equal(hung.state.requests, 1, 'the hanging receiver has its first delivery still open')
  t.equal(hung.hanging.length, 1, 'and has not answered it')
})

t.test('after a crash between delivery and saving the cursor, the next instance delivers again (at least once)', async (t) => {
  const api = await buildTestApp(t, PRIVATE_OK)
  const team = await aTeam(api)
  const hook = await receiver(t, (n) => (n === 2 ? 'hang' : 200))
  const sub = await subscribe(api, hook, { eventTypes: ['family.created'] })
  const families = [await aFamily(api, team.id), await aFamily(api, team.id), await aFamily(api, team.id)]
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/webhooks/fixtures/worker-process.ts', api.url, api.webhooks.secretKey!.toString('hex')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = new Promise((resolve) => child.on('exit', resolve))
  t.teardown(() => child.kill('SIGKILL'))
  await until(() => hook.hanging.length === 1)
  child.kill('SIGKILL')
  await exited
  t.equal(hook.got.length, 1, 'the first delivered, the second in flight when the process died')

  await worker(t, api)
  await until(() => hook.got.length >= 4, 30_000)
  t.same(
    hook.got.map((g) => g.body.data.subjectId),
    [families[0], ...families].map((f) => f.id),
    'once its claim lapsed, another instance went on from the saved cursor: the first again, then the rest, in order',
  )
  t.equal(hook.got[0].id, hook.got[1].id, 'with the same webhook-id, for the receiver to dedupe')
  const log = await deliveryLog(api, sub.id, 3)
  t.equal(log.length, 3, 'the log has what the surviving instance delivered')
})

t.test('a change to a subscription takes effect at its place in the feed: nothing after it goes to the old URL', async (t) => {
  const api = await buildTestApp(t, PRIVATE_OK)
  const team = await aTeam(api)
  const [before, after] = [await receiver(t), await receiver(t)]
  const sub = await subscribe(api, before, {})
  await worker(t, api)
  const first = await aFamily(api, team.id)
  await until(() => before.got.length >= 1)
  t.equal((await api.call({ method: 'PATCH', url: `/webhooks/${sub.id}`, payload: { url: after.url } })).statusCode, 200)
  after.state.secret = sub.secret
  const next = [await aFamily(api, team.id), await aFamily(api, team.id)]
  await until(() => after.got.length >= 2)
  await new Promise((r) => setTimeout(r, 300))
  t.same(
    before.got.map((g) => g.body.data.subjectId),
    [first.id],
    'the old URL got what came before the change only',
  )
  t.same(
    after.got.map((g) => g.body.data.subjectId),
    next.map((f) => f.id),
    'the new one what came after',
  )
})
