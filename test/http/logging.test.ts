import { Writable } from 'node:stream'
import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aTeam, familyPayload } from '../helpers/builders.js'

t.test('logs are JSON with a request id and never hold names, dates of birth or addresses', async (t) => {
  const lines: string[] = []
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean))
      done()
    },
  })
  const api = await buildTestApp(t, { logStream, env: { LOG_LEVEL: 'debug' } })
  const team = await aTeam(api)
  const personal = {
    members: [
      { givenName: 'Zebedee', familyName: 'Quixotic-Fairweather', dateOfBirth: '2014-09-17', role: 'child' },
      { givenName: 'Persephone', familyName: 'Quixotic-Fairweather', dateOfBirth: '1983-01-29', role: 'parent_carer' },
    ],
    address: { line1: '17 Larkspur Crescent', town: 'Wolverhampton', postcode: 'WV99 4ZZ' },
    externalRefs: [{ system: 'mosaic', value: 'LOG-1' }],
  }
  const created = await api.call({ method: 'POST', url: '/families', payload: familyPayload(team.id, personal), headers: { 'x-request-id': 'req-log-test-1' } })
  t.equal(created.statusCode, 201)
  t.equal(created.headers['x-request-id'], 'req-log-test-1', 'a sent request id is used and returned')
  // A refused body, a database conflict and a read all pass through the logger too.
  await api.call({ method: 'POST', url: '/families', payload: familyPayload(team.id, { ...personal, tier: 99 }) })
  await api.call({ method: 'POST', url: '/families', payload: familyPayload(team.id, personal) })
  await api.call({ method: 'PATCH', url: `/families/${created.json().id}`, payload: { members: personal.members, address: personal.address } })
  await api.call({ method: 'GET', url: `/families/${created.json().id}` })

  const entries = lines.map((line) => JSON.parse(line))
  const completed = entries.filter((e) => e.msg === 'request completed' || e.msg === 'request errored')
  t.same(
    completed.map((e) => [e.req?.method, e.res?.statusCode, typeof e.responseTime]),
    [
      ['POST', 201, 'number'], // the team
      ['POST', 201, 'number'],
      ['POST', 400, 'number'],
      ['POST', 409, 'number'],
      ['PATCH', 200, 'number'],
      ['GET', 200, 'number'],
    ],
    'one line per request once it is answered, with the request, its status and the time taken',
  )
  t.notOk(
    entries.some((e) => e.msg === 'incoming request'),
    'no second line when a request arrives',
  )
  t.ok(
    entries.some((e) => e.reqId === 'req-log-test-1'),
    'entries carry the request id',
  )
  t.ok(
    entries.filter((e) => e.req || e.res).every((e) => typeof e.reqId === 'string'),
    'every request entry has a request id',
  )
  const text = lines.join('\n')
  for (const secret of ['Zebedee', 'Persephone', 'Quixotic', '2014-09-17', '1983-01-29', 'Larkspur', 'WV99', api.adminKey]) {
    t.notOk(text.includes(secret), `the logs do not contain ${secret === api.adminKey ? 'the API key' : secret}`)
  }
})
