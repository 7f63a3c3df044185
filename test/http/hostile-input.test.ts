import { request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { Writable } from 'node:stream'
import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aTeam, familyPayload, requestPayload } from '../helpers/builders.js'

const PROBLEM = 'application/problem+json; charset=utf-8'

t.test('text, dates and URLs the service cannot hold are 400 problems naming the field, never 500', async (t) => {
  const lines: string[] = []
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean))
      done()
    },
  })
  const api = await buildTestApp(t, { logStream, env: { LOG_LEVEL: 'info' } })
  const team = await aTeam(api)
  const family = await aFamily(api, team.id)

  const refused = async (what: string, options: Parameters<typeof api.call>[0], field: { in: string; field?: string }, status = 400) => {
    const response = await api.call(options)
    t.equal(response.statusCode, status, `${what}: ${status}`)
    t.equal(response.headers['content-type'], PROBLEM, `${what}: a problem`)
    if (field.field) t.match(response.json().errors?.[0], field, `${what}: names ${field.in} ${field.field}`)
    return response
  }

  // Text: NUL and lone surrogates, wherever a string is.
  const nulName = JSON.parse('{"name":"Team\\u0000NUL","calendarId":"scotland","standardsPreset":"trt"}')
  await refused('NUL in a body string', { method: 'POST', url: '/teams', payload: nulName }, { in: 'body', field: 'name' })
  await refused(
    'a lone surrogate in a nested body string',
    {
      method: 'POST',
      url: '/families',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(familyPayload(team.id))
        .replace('"members":[{', '"members":[{"givenName":"\\ud800x",')
        .replace(/"givenName":"[^"]*",("familyName")/, '$1'),
    },
    { in: 'body', field: 'members[0].givenName' },
  )
  await refused('NUL in a query string', { method: 'GET', url: '/families?reference=FW%00X' }, { in: 'query', field: 'reference' })
  await refused('an encoded lone surrogate in a query string', { method: 'GET', url: '/families?externalRef=a%7C%ED%A0%80' }, { in: 'query' })
  await refused('NUL in a path parameter', { method: 'GET', url: '/calendars/x%00y' }, { in: 'params', field: 'id' })

  // Instants and dates.
  const payload = (receivedAt: string) => requestPayload(family.id, team.id, { receivedAt })
  await refused('a leap second', { method: 'POST', url: '/service-requests', payload: payload('2026-12-31T23:59:60Z') }, { in: 'body', field: 'receivedAt' })
  await refused(
    'an instant before the calendar',
    { method: 'POST', url: '/service-requests', payload: payload('1989-12-31T23:00:00Z') },
    { in: 'body', field: 'receivedAt' },
  )
  await refused(
    'an instant after the calendar',
    { method: 'POST', url: '/service-requests', payload: payload('2101-01-01T00:00:00Z') },
    { in: 'body', field: 'receivedAt' },
  )
  await refused('asOf far in the past', { method: 'GET', url: `/families/${family.id}?asOf=1900-01-01T00:00:00Z` }, { in: 'query', field: 'asOf' })
  await refused('asOf as a date outside the calendar', { method: 'GET', url: `/families/${family.id}?asOf=0001-01-01` }, { in: 'query' })
  await refused('asOf on a leap second', { method: 'GET', url: `/families/${family.id}?asOf=2016-12-31T23:59:60Z` }, { in: 'query', field: 'asOf' })
  await refused(
    'a date of year 0000',
    { method: 'PATCH', url: `/families/${family.id}`, payload: { members: [{ givenName: 'A', familyName: 'B', role: 'child', dateOfBirth: '0000-06-01' }] } },
    { in: 'body' },
  )
  const older = await api.call({
    method: 'PATCH',
    url: `/families/${family.id}`,
    payload: { members: [{ givenName: 'A', familyName: 'B', role: 'parent_carer', dateOfBirth: '1951-06-01' }] },
  })
  t.equal(older.statusCode, 200, 'a date of birth long before the calendar is still a date')

  // Cursors and URLs.
  const crafted = Buffer.from(JSON.stringify({ after: "'; DROP TABLE families; --" })).toString('base64url')
  await refused('a crafted cursor', { method: 'GET', url: `/families?cursor=${crafted}` }, { in: 'query', field: 'cursor' })
  await refused('bad percent-encoding in the path', { method: 'GET', url: '/families/%E0%A4%A' }, { in: 'params' })
  await refused('a path segment longer than any id', { method: 'GET', url: `/families/${'a'.repeat(5000)}` }, { in: 'params' }, 414)

  // The query string's values never reach the request log.
  await api.call({ method: 'GET', url: '/families?reference=FW-SECRET-42&teamId=not-a-uuid' })
  const logged = lines.filter((line) => line.includes('"url"'))
  t.ok(logged.length > 0, 'requests are logged with their URL')
  t.notOk(
    lines.some((line) => line.includes('FW-SECRET-42')),
    'query values are not logged',
  )
  t.ok(
    logged.some((line) => line.includes('reference=[redacted]')),
    'their names are',
  )
  t.notOk(
    lines.some((line) => line.includes('NUL') || line.includes('\\u0000')),
    'refused text is not logged',
  )
})

t.test('what the HTTP parser refuses is a problem too', async (t) => {
  const api = await buildTestApp(t)
  await api.app.listen({ port: 0, host: '127.0.0.1' })
  const address = api.app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0

  const huge = await new Promise<{ status?: number; type?: string; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: `/families?x=${'a'.repeat(40_000)}` }, (res) => {
      let body = ''
      res.on('data', (d) => (body += d))
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], body }))
    })
    req.on('error', reject)
    req.end()
  })
  t.equal(huge.status, 431, 'a URL past the header limit: 431')
  t.equal(huge.type, 'application/problem+json')
  t.match(JSON.parse(huge.body), { type: '/problems/header-fields-too-large', status: 431 })

  const garbage = await new Promise<string>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'))
    let text = ''
    socket.on('data', (d) => (text += d))
    socket.on('close', () => resolve(text))
    socket.on('error', () => resolve(text))
  })
  t.match(garbage, /^HTTP\/1\.1 400 /, 'a request that is not HTTP: 400')
  t.match(garbage, /Content-Type: application\/problem\+json/)
})
