import t from 'tap'
import { buildTestApp, type TestApp } from '../helpers/app.js'
import { aPractitioner, aTeam } from '../helpers/builders.js'
import { until } from '../helpers/until.js'
import { aCaseLine, ndjson } from './case-line.js'

const post = (app: TestApp, body: string, { query = '', prefer }: { query?: string; prefer?: string } = {}) =>
  app.call({
    method: 'POST',
    url: `/imports${query}`,
    headers: { 'content-type': 'application/x-ndjson', ...(prefer ? { prefer } : {}) },
    payload: body,
  })

const familyByRef = async (app: TestApp, value: string) =>
  (await app.call({ method: 'GET', url: `/families?externalRef=${encodeURIComponent(`mosaic|${value}`)}` })).json().items

interface LineResult {
  line: number
  outcome: string
  familyId: string | null
}
type ImportView = Record<string, unknown> & { id: string; status: string; results: LineResult[] }

/** Polls the import until it is finished; then every page of its results. */
async function finished(app: TestApp, location: string): Promise<ImportView> {
  let body = { status: 'queued' } as ImportView
  await until(async () => {
    body = (await app.call({ method: 'GET', url: location })).json()
    return body.status === 'completed' || body.status === 'failed'
  })
  return { ...body, results: await allResults(app, location) }
}

async function allResults(app: TestApp, location: string, limit = 2) {
  const results: LineResult[] = []
  let cursor: string | null = null
  do {
    const query: string = `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`
    const page = (await app.call({ method: 'GET', url: `${location}${query}` })).json()
    results.push(...page.results)
    cursor = page.nextCursor
  } while (cursor)
  return results
}

/** A file with a good case, a blank line, a case that breaks a rule, a line that is not JSON, an invalid case and a second good case. */
function mixedFile(teamId: string, practitionerId: string) {
  const good = aCaseLine(teamId, practitionerId)
  const early = aCaseLine(teamId, practitionerId, { allocatedAt: '2026-12-01T09:00:00Z' })
  const invalid = aCaseLine(teamId, practitionerId)
  ;(invalid.requests[0] as Record<string, unknown>).kind = 'a-kind'
  const second = aCaseLine(teamId, practitionerId, { escalations: [] })
  const body = `${JSON.stringify(good)}\n\n${JSON.stringify(early)}\n{not json\n${JSON.stringify(invalid)}\n${JSON.stringify(second)}\n`
  return { body, good, early, second }
}

const withoutFamilyIds = (results: LineResult[]) => results.map(({ familyId: _f, ...rest }) => rest)

t.test('a file over IMPORT_ASYNC_LINES is queued (202, Location) without being asked; within it, answered at once', async (t) => {
  const app = await buildTestApp(t, { jobs: true, env: { IMPORT_ASYNC_LINES: '3' } })
  const team = await aTeam(app)
  const practitioner = await aPractitioner(app, team.id, { caseloadCapacity: 30 })
  const lines = [1, 2, 3, 4].map(() => aCaseLine(team.id, practitioner.id, { escalations: [] }))

  const within = await post(app, `${ndjson(lines.slice(0, 3))}\n\n`, { query: '?dryRun=true' })
  t.equal(within.statusCode, 200, 'three lines (blank lines do not count) are answered at once')
  t.match(within.json(), { dryRun: true, lines: 3, created: 3 })

  const over = await post(app, ndjson(lines))
  t.equal(over.statusCode, 202, over.body)
  t.match(over.headers.location, /^\/imports\/[0-9a-f-]{36}$/)
  t.notOk(over.headers['preference-applied'], 'no preference was asked for')
  t.match(over.json(), { id: String(over.headers.location).split('/').pop(), dryRun: false, lines: 4, results: [] })
  t.ok(['queued', 'running', 'completed'].includes(over.json().status))
  const done = await finished(app, String(over.headers.location))
  t.match(done, { status: 'completed', lines: 4, linesDone: 4, created: 4, skipped: 0, failed: 0 })
  for (const line of lines) t.equal((await familyByRef(app, line.family.externalRefs[0].value)).length, 1)
})

t.test('a queued file reaches the per-line results the synchronous path gives; a re-run skips what is there', async (t) => {
  const app = await buildTestApp(t, { jobs: true })
  const team = await aTeam(app)
  const practitioner = await aPractitioner(app, team.id, { caseloadCapacity: 30 })
  const { body, good, early, second } = mixedFile(team.id, practitioner.id)

  // The same file answered at once, as a dry run, so the queued import still finds nothing there.
  const sync = await post(app, body, { query: '?dryRun=true' })
  t.equal(sync.statusCode, 200, sync.body)
  const res = await post(app, body, { prefer: 'respond-async' })
  t.equal(res.statusCode, 202, res.body)
  const done = await finished(app, String(res.headers.location))
  t.match(done, { status: 'completed', dryRun: false, lines: 5, linesDone: 5, created: 2, skipped: 0, failed: 3, problem: null })
  t.ok(done.startedAt && done.finishedAt, 'started and finished')
  t.same(
    done.results.map((r) => r.line),
    [1, 3, 4, 5, 6],
  )
  t.same(withoutFamilyIds(done.results), withoutFamilyIds(sync.json().results), 'the same per-line results as the file answered at once')
  t.match(done.results[1], {
    line: 3,
    outcome: 'failed',
    familyId: null,
    problem: { type: '/problems/validation-error', errors: [{ in: 'line', field: 'requests[0].allocation.allocatedAt' }] },
  })
  t.match(done.results[2], { line: 4, outcome: 'failed', problem: { type: '/problems/malformed-request' } })
  const [family] = await familyByRef(app, good.family.externalRefs[0].value)
  t.equal(done.results[0].familyId, family.id, 'the created family is the one reported')
  t.equal((await familyByRef(app, second.family.externalRefs[0].value)).length, 1)
  t.equal((await familyByRef(app, early.family.externalRefs[0].value)).length, 0, 'a failed line leaves nothing behind')

  const again = await finished(app, String((await post(app, body, { prefer: 'respond-async' })).headers.location))
  t.match(again, { status: 'completed', created: 0, skipped: 2, failed: 3 })
  t.match(again.results[0], { line: 1, outcome: 'skipped', familyId: family.id })
  t.same(withoutFamilyIds(again.results), withoutFamilyIds((await post(app, body)).json().results), 'a re-run too gives what the file answered at once gives')

  const list = (await app.call({ method: 'GET', url: '/imports?limit=1' })).json()
  t.same(
    list.items.map((i: { id: string }) => i.id),
    [again.id],
    'the newest first',
  )
  const rest = (await app.call({ method: 'GET', url: `/imports?limit=1&cursor=${list.nextCursor}` })).json()
  t.same(
    rest.items.map((i: { id: string }) => i.id),
    [done.id],
  )
  t.equal(rest.nextCursor, null)
})

t.test('Prefer: respond-async queues a small file; without it a small file is answered at once', async (t) => {
  const app = await buildTestApp(t, { jobs: true })
  const team = await aTeam(app)
  const practitioner = await aPractitioner(app, team.id, { caseloadCapacity: 30 })
  const line = aCaseLine(team.id, practitioner.id)

  const queued = await post(app, ndjson([line]), { prefer: 'handling=lenient, respond-async; wait=1' })
  t.equal(queued.statusCode, 202, queued.body)
  t.equal(queued.headers['preference-applied'], 'respond-async')
  const done = await finished(app, queued.headers.location as string)
  t.match(done, { status: 'completed', lines: 1, created: 1 })

  const now = await post(app, ndjson([line]))
  t.equal(now.statusCode, 200)
  t.match(now.json(), { dryRun: false, lines: 1, created: 0, skipped: 1, failed: 0 })
})

t.test('a queued dry run gives the results and writes nothing', async (t) => {
  const app = await buildTestApp(t, { jobs: true })
  const team = await aTeam(app)
  const practitioner = await aPractitioner(app, team.id, { caseloadCapacity: 30 })
  const line = aCaseLine(team.id, practitioner.id)
  const early = aCaseLine(team.id, practitioner.id, { allocatedAt: '2026-12-01T09:00:00Z' })
  const res = await post(app, ndjson([line, early]), { query: '?dryRun=true', prefer: 'respond-async' })
  t.equal(res.statusCode, 202)
  const done = await finished(app, res.headers.location as string)
  t.match(done, { status: 'completed', dryRun: true, lines: 2, created: 1, failed: 1 })
  t.match(done.results[0], { line: 1, outcome: 'created', created: { families: 1, serviceRequests: 1, escalations: 1 } })
  t.equal((await familyByRef(app, line.family.externalRefs[0].value)).length, 0, 'nothing was written')
  const events = (await app.call({ method: 'GET', url: '/events?limit=500' })).json().items
  t.notOk(
    events.some((e: { type: string }) => e.type === 'family.created'),
    'no event of the dry run reached the feed',
  )
})

t.test('an unknown import is a 404; a bad cursor is a 400 naming it', async (t) => {
  const app = await buildTestApp(t)
  const unknown = await app.call({ method: 'GET', url: '/imports/0193b1e0-4d5e-7f60-8a71-b2c3d4e5f607' })
  t.equal(unknown.statusCode, 404)
  t.match(unknown.headers['content-type'], /^application\/problem\+json/)
  t.match(unknown.json(), { type: '/problems/not-found' })

  const queued = await post(app, '{}\n', { prefer: 'respond-async' })
  t.equal(queued.statusCode, 202, 'stored even where no queue runs: an instance that runs one takes it')
  t.match(queued.json(), { status: 'queued', lines: 1, linesDone: 0 })
  for (const cursor of ['nonsense', Buffer.from(JSON.stringify({ after: 'x' })).toString('base64url')]) {
    const bad = await app.call({ method: 'GET', url: `${queued.headers.location}?cursor=${cursor}` })
    t.equal(bad.statusCode, 400)
    t.match(bad.json(), { type: '/problems/validation-error', errors: [{ in: 'query', field: 'cursor' }] })
  }
  const badList = await app.call({ method: 'GET', url: '/imports?cursor=nonsense' })
  t.match(badList.json(), { status: 400, errors: [{ field: 'cursor' }] })
  const queuedView = (await app.call({ method: 'GET', url: queued.headers.location as string })).json()
  t.match(queuedView, { status: 'queued', results: [] })
  t.ok(queuedView.nextCursor, 'an unfinished import gives a cursor to poll with')
  const viewer = await app.keyFor('viewer')
  t.equal((await app.call({ method: 'GET', url: queued.headers.location as string, key: viewer })).statusCode, 403)
})
