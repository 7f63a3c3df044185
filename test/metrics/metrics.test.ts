import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aServiceRequest, aTeam } from '../helpers/builders.js'

/** The value of one sample line of the Prometheus text format, or undefined when absent. */
const sample = (body: string, line: string) => {
  const found = body.split('\n').find((l) => l.startsWith(`${line} `))
  return found === undefined ? undefined : Number(found.slice(line.length + 1))
}

t.test('GET /metrics: HTTP, pool, webhook and SLA metrics in the Prometheus format', async (t) => {
  // Every request looks its key up, so that the query counts below do not depend on the key cache's timing.
  const api = await buildTestApp(t, { now: '2027-01-11T12:00:00Z', env: { API_KEY_CACHE_MS: '0' } })
  const team = await aTeam(api, { name: 'North "Early Help"' })
  const family = await aFamily(api, team.id)
  // Allocation due 2027-01-06, 2027-01-07 and 2027-01-08: three overdue on the 11th; one received on the 11th is on track.
  for (const receivedAt of ['2026-12-31T10:00:00Z', '2027-01-04T10:00:00Z', '2027-01-05T10:00:00Z', '2027-01-11T09:00:00Z'])
    await aServiceRequest(api, family.id, team.id, { receivedAt })
  await api.call({ method: 'GET', url: `/families/${family.id}` })
  await api.call({ method: 'GET', url: `/families/${family.id}` })
  // This app runs no job queue: a file handed to it waits, queued, with all its lines.
  const queued = await api.call({
    method: 'POST',
    url: '/imports',
    headers: { 'content-type': 'application/x-ndjson', prefer: 'respond-async' },
    payload: '{}\n{}\n{}\n',
  })
  t.equal(queued.statusCode, 202)

  const viewer = await api.keyFor('viewer')
  const scrape = () => api.call({ method: 'GET', url: '/metrics', key: viewer })
  const scrapes: Awaited<ReturnType<typeof scrape>>[] = []
  const cold = await api.countQueries(async () => {
    scrapes.push(await scrape())
  })
  const [res] = scrapes
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^text\/plain; version=0\.0\.4/)
  const labels = `team="North \\"Early Help\\"",standard="allocation"`
  t.equal(sample(res.body, `sla_clocks_open{${labels}}`), 4, 'four open allocation clocks')
  t.equal(sample(res.body, `sla_clocks_overdue{${labels}}`), 3, 'three overdue')
  t.equal(sample(res.body, `sla_clocks_missed{${labels}}`), 0)
  t.equal(
    sample(res.body, 'http_request_duration_seconds_count{method="GET",route="/families/:id",status_code="200"}'),
    2,
    'requests counted by route template, not by URL',
  )
  t.notOk(res.body.includes(family.id), 'no ids in the labels')
  t.type(sample(res.body, 'db_pool_connections{state="total"}'), 'number', 'the pool')
  t.equal(sample(res.body, 'webhook_deliveries{status="pending"}'), 0, 'the delivery queue')
  t.equal(sample(res.body, 'imports_unfinished{status="queued"}'), 1, 'the import queue')
  t.equal(sample(res.body, 'imports_unfinished{status="running"}'), 0)
  t.equal(sample(res.body, 'import_lines_waiting{status="queued"}'), 3, 'its lines not yet applied')
  t.match(res.body, /^process_cpu_user_seconds_total /m, 'the process metrics')

  const warm = await api.countQueries(scrape)
  t.equal(cold - warm, 3, 'a scrape within the cache period runs none of the SLA, webhook and import queries')
  t.equal(sample((await scrape()).body, `sla_clocks_overdue{${labels}}`), 3)

  t.equal((await api.call({ method: 'GET', url: '/metrics', key: null })).statusCode, 401)
  t.equal((await api.call({ method: 'GET', url: '/metrics', key: await api.keyFor('practitioner') })).statusCode, 403, 'viewer or admin only')
})
