import { readFileSync } from 'node:fs'
import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, anAllocatedCase, aPractitioner, aServiceRequest, aTeam } from '../helpers/builders.js'

const BOM = '\uFEFF'
const HEADER =
  'Clock ID,Standard,Description,Status,Due date,Due at (UTC),Started at (UTC),Completed at (UTC),Closed at (UTC),Working days elapsed,' +
  'Working days remaining,Calendar,Family reference,Family ID,Team,Team ID,Practitioner,Practitioner ID,Subject type,Subject ID,Service request ID,Late reason'

t.test('GET /breaches.csv: the breach list as CSV, an operation of its own', async (t) => {
  const api = await buildTestApp(t, { now: '2027-01-11T12:00:00Z' })
  const team = await aTeam(api)
  const family = await aFamily(api, team.id)
  // Allocation due 2027-01-06, 2027-01-07 and 2027-01-08: three overdue clocks on the 11th.
  for (const receivedAt of ['2026-12-31T10:00:00Z', '2027-01-04T10:00:00Z', '2027-01-05T10:00:00Z'])
    await aServiceRequest(api, family.id, team.id, { receivedAt })
  const get = (url: string, headers: Record<string, string> = {}) => api.call({ method: 'GET', url, headers })

  t.test('the rows and order of the JSON list, paged by the Next-Cursor header', async (t) => {
    const json = (await get('/breaches?status=overdue')).json()
    t.equal(json.items.length, 3)
    const first = await get('/breaches.csv?status=overdue&limit=2')
    t.equal(first.statusCode, 200)
    t.match(first.headers['content-type'], /^text\/csv; charset=utf-8/)
    const firstLines = first.body.trimEnd().split('\r\n')
    t.equal(firstLines[0], `${BOM}${HEADER}`, 'a byte-order mark, then the headers in words')
    t.same(
      firstLines.slice(1).map((l) => l.split(',')[0]),
      json.items.slice(0, 2).map((b: { id: string }) => b.id),
    )
    const cursor = first.headers['next-cursor']
    t.type(cursor, 'string', 'a further page is announced')
    const second = await get(`/breaches.csv?status=overdue&limit=2&cursor=${encodeURIComponent(String(cursor))}`)
    const secondLines = second.body.trim().split('\r\n')
    t.same(
      secondLines.slice(1).map((l) => l.split(',')[0]),
      [json.items[2].id],
    )
    t.equal(second.headers['next-cursor'], undefined, 'the last page has no Next-Cursor')
  })

  t.test('filters and asOf as on /breaches', async (t) => {
    const onThe7th = await get('/breaches.csv?status=overdue&asOf=2027-01-07T12:00:00Z')
    t.equal(onThe7th.body.trim().split('\r\n').length, 2, 'on the 7th only the first was overdue')
    const otherTeam = await aTeam(api)
    t.equal((await get(`/breaches.csv?teamId=${otherTeam.id}`)).body, `${BOM}${HEADER}\r\n`, 'no rows: the header alone')
  })

  t.test('Accept: text/csv on /breaches still answers with the same CSV', async (t) => {
    const viaAccept = await get('/breaches?status=overdue', { accept: 'text/csv' })
    t.match(viaAccept.headers['content-type'], /^text\/csv/)
    t.equal(viaAccept.body, (await get('/breaches.csv?status=overdue')).body)
    const preferJson = await get('/breaches?status=overdue', { accept: 'application/json, text/csv;q=0.5' })
    t.match(preferJson.headers['content-type'], /^application\/json/, 'JSON when it comes first')
  })

  t.test('bad input and access are refused as problems', async (t) => {
    const bad = await get('/breaches.csv?status=late')
    t.equal(bad.statusCode, 400)
    t.match(bad.headers['content-type'], /^application\/problem\+json/)
    t.match(bad.json().errors[0], { field: 'status' })
    const anonymous = await api.call({ method: 'GET', url: '/breaches.csv', key: null })
    t.equal(anonymous.statusCode, 401)
  })
})

t.test('CSV for a spreadsheet: names beside ids, formulas neutralised', async (t) => {
  const api = await buildTestApp(t, { now: '2027-01-11T12:00:00Z' })
  const formula = '=HYPERLINK("https://example.org","Early help")'
  const team = await aTeam(api, { name: formula })
  const practitioner = await aPractitioner(api, team.id, { name: '@Chloë O’Brien', caseloadCapacity: 30 })
  const { family } = await anAllocatedCase(api, { team, practitioner })
  const res = await api.call({ method: 'GET', url: '/breaches.csv', query: { familyId: family.id } })
  t.equal(res.statusCode, 200)
  t.ok(res.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'the body starts with the UTF-8 byte-order mark')
  const json = (await api.call({ method: 'GET', url: '/breaches', query: { familyId: family.id } })).json()
  const lines = res.body.trim().split('\r\n')
  t.equal(lines.length, json.items.length + 1, 'a row per breach')
  t.ok(json.items.length > 0, 'the case has breaches to show')
  const withPractitioner = json.items.find((b: { practitionerId: string | null }) => b.practitionerId !== null)
  t.ok(withPractitioner, 'one of them is held by the practitioner')
  const row = lines.find((l) => l.startsWith(withPractitioner.id))
  t.ok(
    row?.includes(`,${family.reference},${family.id},"'=HYPERLINK(""https://example.org"",""Early help"")",${team.id},'@Chloë O’Brien,${practitioner.id},`),
    'the family reference, team name and practitioner name beside their ids; a cell beginning = or @ is prefixed with an apostrophe',
  )
  t.notOk(res.body.includes(',=HYPERLINK'), 'no live formula')
})

t.test('the contract types the JSON list without a CSV alternative', async (t) => {
  const document = JSON.parse(readFileSync('openapi/openapi.json', 'utf8'))
  t.same(Object.keys(document.paths['/breaches'].get.responses['200'].content), ['application/json'], 'GET /breaches: one success type')
  const csv = document.paths['/breaches.csv'].get
  t.equal(csv.operationId, 'exportBreachesCsv')
  t.same(Object.keys(csv.responses['200'].content), ['text/csv'])
  t.ok(csv.responses['200'].headers['next-cursor'], 'the Next-Cursor header is documented')
  t.same(
    csv.parameters.map((p: { name: string }) => p.name).sort(),
    document.paths['/breaches'].get.parameters.map((p: { name: string }) => p.name).sort(),
    'the same query parameters',
  )
})
