import t from 'tap'
import { AuthThrottle } from '../../src/http/auth-throttle.js'
import { KeyCache } from '../../src/http/key-cache.js'
import { buildTestApp } from '../helpers/app.js'

t.test('a 401 names the Bearer scheme; every response is no-store', async (t) => {
  const api = await buildTestApp(t)
  const refused = await api.call({ method: 'GET', url: '/families', key: null })
  t.equal(refused.statusCode, 401)
  t.match(refused.headers['www-authenticate'], /^Bearer realm="family-work-api"$/)
  const read = await api.call({ method: 'GET', url: '/families' })
  t.equal(read.statusCode, 200)
  t.equal(read.headers['cache-control'], 'no-store', 'a record read is not cached')
  t.equal(refused.headers['cache-control'], 'no-store', 'nor is a problem')
})

t.test('a revoked key stops at once on the instance that revoked it, though keys are cached', async (t) => {
  const api = await buildTestApp(t, { env: { API_KEY_CACHE_MS: '60000' } })
  const key = await api.keyFor('viewer')
  t.equal((await api.call({ method: 'GET', url: '/families', key })).statusCode, 200, 'looked up, then cached')
  const id = (await api.call({ method: 'GET', url: '/api-keys?limit=100' })).json().items.find((k: { role: string }) => k.role === 'viewer').id
  t.equal((await api.call({ method: 'POST', url: `/api-keys/${id}/revoke` })).statusCode, 200)
  t.equal((await api.call({ method: 'GET', url: '/families', key })).statusCode, 401)
})

t.test('a key revoked behind the cache (through another instance) works until its entry expires', async (t) => {
  const api = await buildTestApp(t, { env: { API_KEY_CACHE_MS: '60000' } })
  const key = await api.keyFor('viewer')
  t.equal((await api.call({ method: 'GET', url: '/families', key })).statusCode, 200)
  await api.db.updateTable('apiKeys').set({ revokedAt: new Date() }).where('role', '=', 'viewer').execute()
  t.equal((await api.call({ method: 'GET', url: '/families', key })).statusCode, 200, 'within the bound, the cached key still works')
  // The expiry itself is timed by the cache's own clock: see the unit test below.
  const other = await buildTestApp(t, { env: { API_KEY_CACHE_MS: '60000' } })
  const revokedThere = await other.keyFor('viewer')
  await other.db.updateTable('apiKeys').set({ revokedAt: new Date() }).where('role', '=', 'viewer').execute()
  t.equal((await other.call({ method: 'GET', url: '/families', key: revokedThere })).statusCode, 401, 'a revoked key never cached is refused')
})

t.test('a cached key costs no lookup', async (t) => {
  const cached = await buildTestApp(t, { env: { API_KEY_CACHE_MS: '60000' } })
  const uncached = await buildTestApp(t, { env: { API_KEY_CACHE_MS: '0' } })
  const queriesOf = async (api: typeof cached) => {
    await api.call({ method: 'GET', url: '/service-standards' })
    return api.countQueries(() => api.call({ method: 'GET', url: '/service-standards' }))
  }
  t.equal(await queriesOf(cached), 0, '/service-standards reads nothing once the key is cached')
  t.equal(await queriesOf(uncached), 1, 'and one lookup per request without the cache')
})

t.test('failed authentications from one address are throttled, without a lookup', async (t) => {
  const api = await buildTestApp(t, { env: { AUTH_FAILURES_PER_MINUTE: '3' } })
  t.equal((await api.call({ method: 'GET', url: '/families' })).statusCode, 200, 'a key in use before the guessing')
  const statuses: number[] = []
  for (let i = 0; i < 5; i++) statuses.push((await api.call({ method: 'GET', url: '/families', key: `fwk_guess${i}` })).statusCode)
  t.same(statuses, [401, 401, 401, 429, 429])
  const throttled = await api.call({ method: 'GET', url: '/families', key: 'fwk_guess9' })
  t.equal(throttled.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.equal(throttled.json().type, '/problems/too-many-requests')
  t.ok(Number(throttled.headers['retry-after']) > 0, 'says when to try again')
  t.equal(await api.countQueries(() => api.call({ method: 'GET', url: '/families', key: 'fwk_guess10' })), 0, 'no lookup while throttled')
  t.equal((await api.call({ method: 'GET', url: '/families' })).statusCode, 200, 'keeps working from the same address (it is cached)')
})

t.test('the throttle window ends after a minute', async (t) => {
  let now = 0
  const throttle = new AuthThrottle(2, () => now)
  throttle.failed('a')
  t.equal(throttle.retryAfter('a'), 0, 'under the limit')
  throttle.failed('a')
  t.equal(throttle.retryAfter('a'), 60)
  t.equal(throttle.retryAfter('b'), 0, 'per address')
  now = 59_500
  t.equal(throttle.retryAfter('a'), 1)
  now = 60_000
  t.equal(throttle.retryAfter('a'), 0)
})

t.test('the key cache forgets by id and expires', async (t) => {
  let now = 0
  const cache = new KeyCache(1000, () => now)
  cache.set('h1', { id: 'k1', role: 'viewer', teamId: null })
  cache.set('h2', { id: 'k2', role: 'viewer', teamId: null })
  t.same(cache.get('h1'), { id: 'k1', role: 'viewer', teamId: null })
  cache.forget('k1')
  t.equal(cache.get('h1'), null)
  now = 1000
  t.equal(cache.get('h2'), null, 'expired')
  t.equal(new KeyCache(0).get('h'), null)
})

t.test('requests per key per minute are limited; health checks are not', async (t) => {
  const api = await buildTestApp(t, { env: { RATE_LIMIT_PER_MINUTE: '3' } })
  const other = await api.keyFor('viewer')
  const statuses: number[] = []
  for (let i = 0; i < 4; i++) statuses.push((await api.call({ method: 'GET', url: '/service-standards' })).statusCode)
  t.same(statuses, [200, 200, 200, 429])
  const counted = await api.call({ method: 'GET', url: '/service-standards', key: await api.keyFor('manager') })
  t.equal(counted.headers['ratelimit-limit'], '3', 'RateLimit-Limit')
  t.equal(counted.headers['ratelimit-remaining'], '2', 'RateLimit-Remaining')
  t.ok(Number(counted.headers['ratelimit-reset']) > 0, 'RateLimit-Reset')
  const limited = await api.call({ method: 'GET', url: '/service-standards' })
  t.equal(limited.json().type, '/problems/too-many-requests')
  t.match(limited.json().detail, /More than 3 requests a minute/)
  t.ok(Number(limited.headers['retry-after']) > 0, 'Retry-After')
  t.equal((await api.call({ method: 'GET', url: '/service-standards', key: other })).statusCode, 200, 'each key has its own allowance')
  for (let i = 0; i < 5; i++) t.equal((await api.call({ method: 'GET', url: '/health/live', key: null })).statusCode, 200)
})

t.test('an instance whose event loop lags answers 503 with Retry-After, as a problem', async (t) => {
  const api = await buildTestApp(t, { env: { MAX_EVENT_LOOP_DELAY_MS: '1' } })
  const blockUntil = Date.now() + 1500
  while (Date.now() < blockUntil) {
    // The event loop is held, as a burst of CPU-bound work would hold it.
  }
  let shed = null
  for (let i = 0; i < 40 && !shed; i++) {
    const res = await api.call({ method: 'GET', url: '/service-standards' })
    if (res.statusCode === 503) shed = res
    else await new Promise((resolve) => setTimeout(resolve, 100))
  }
  if (!shed) throw new Error('never shed load')
  t.equal(shed.headers['retry-after'], '5')
  t.match(shed.json(), { type: '/problems/service-unavailable', status: 503 })
})

t.test('while it sheds load the instance is still alive, and not ready', async (t) => {
  const api = await buildTestApp(t, { env: { MAX_EVENT_LOOP_DELAY_MS: '1' } })
  const blockUntil = Date.now() + 1500
  while (Date.now() < blockUntil) {
    // The event loop is held, as a burst of CPU-bound work would hold it.
  }
  const live: number[] = []
  let shedding = false
  for (let i = 0; i < 40 && !shedding; i++) {
    const [ready, alive] = await Promise.all([api.call({ method: 'GET', url: '/health/ready' }), api.call({ method: 'GET', url: '/health/live' })])
    live.push(alive.statusCode)
    shedding = ready.statusCode === 503
    if (!shedding) await new Promise((resolve) => setTimeout(resolve, 100))
  }
  t.ok(shedding, 'readiness answered 503')
  t.ok(
    live.every((status) => status === 200),
    `liveness answered 200 throughout: ${live.join(', ')}`,
  )
})
