import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aServiceRequest, aTeam } from '../helpers/builders.js'
import { operations, random, requestFor } from './generate.js'

// `npm run fuzz -- --requests 50000 --seed 7` runs this file longer; `npm test` runs it small.
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 1_000)
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_129)

t.test(`${REQUESTS} generated requests over every operation (seed ${SEED}): none >= 500, every error a problem`, async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const family = await aFamily(api, team.id)
  const request = await aServiceRequest(api, family.id, team.id)
  const ids = [team.id, family.id, request.id]
  const doc = api.app.swagger() as unknown as Parameters<typeof operations>[0]
  const ops = operations(doc)
  t.ok(ops.length > 90, `every operation of the document (${ops.length})`)
  const rnd = random(SEED)

  const statuses: Record<number, number> = {}
  const failures: string[] = []
  for (let i = 0; i < REQUESTS; i++) {
    const op = ops[i % ops.length]
    const sent = requestFor(doc, op, rnd, ids)
    const response = await api.call({ method: sent.method as 'GET', url: sent.url, headers: sent.headers, payload: sent.payload })
    statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1
    const type = String(response.headers['content-type'] ?? '')
    const problem = type.startsWith('application/problem+json')
    if (response.statusCode >= 500 || (response.statusCode >= 400 && !problem)) {
      failures.push(
        `${response.statusCode} ${type} ${sent.operationId} ${sent.method} ${sent.url.slice(0, 200)} ${(sent.payload ?? '').slice(0, 200)} -> ${response.body.slice(0, 200)}`,
      )
    }
  }
  t.comment(`statuses: ${JSON.stringify(statuses)}`)
  t.same(failures.slice(0, 20), [], `no response >= 500 and every error a problem (${failures.length} failures)`)
  t.ok(
    Object.keys(statuses).some((s) => Number(s) < 300),
    'some requests succeeded: valid inputs reach the services',
  )
})
