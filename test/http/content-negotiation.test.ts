import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aTeam, familyPayload } from '../helpers/builders.js'

const isProblem = (res: { headers: Record<string, unknown> }) => String(res.headers['content-type']).startsWith('application/problem+json')

t.test('an Accept that admits none of an operation’s media types is a 406 problem; wildcards, q-values and no Accept are served', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  await aFamily(api, team.id)
  const families = (accept?: string) => api.call({ method: 'GET', url: '/families', headers: accept === undefined ? {} : { accept } })

  const xml = await families('application/xml')
  t.equal(xml.statusCode, 406, 'application/xml')
  t.ok(isProblem(xml), 'as problem+json')
  t.match(xml.json(), { type: '/problems/not-acceptable', status: 406, detail: /application\/json/ })
  for (const refused of ['text/html', 'application/json;q=0', 'text/*', 'application/problem+json']) {
    t.equal((await families(refused)).statusCode, 406, refused)
  }
  for (const accepted of [
    undefined,
    '*/*',
    'application/*',
    'application/json',
    'application/xml, application/json;q=0.1',
    'text/html;q=0.9, */*;q=0.1',
    'APPLICATION/JSON',
  ]) {
    const res = await families(accepted)
    t.equal(res.statusCode, 200, `${accepted ?? 'no Accept'}`)
  }

  const before = (await api.call({ method: 'GET', url: '/families' })).json().items.length
  const post = await api.call({ method: 'POST', url: '/families', payload: familyPayload(team.id), headers: { accept: 'text/html' } })
  t.equal(post.statusCode, 406, 'a change is refused before it is made')
  t.equal((await api.call({ method: 'GET', url: '/families' })).json().items.length, before, 'nothing was created')

  const csvOrJson = async (url: string, accept: string) => {
    const res = await api.call({ method: 'GET', url, headers: { accept } })
    return `${res.statusCode} ${String(res.headers['content-type']).split(';')[0]}`
  }
  t.equal(await csvOrJson('/breaches', 'text/csv'), '200 text/csv', 'GET /breaches offers CSV too')
  t.equal(await csvOrJson('/breaches', 'text/csv;q=0.5, application/json'), '200 application/json', 'the higher q wins')
  t.equal(await csvOrJson('/breaches', 'application/json;q=0.5, text/csv'), '200 text/csv', 'the higher q wins, whatever the order')
  t.equal(await csvOrJson('/breaches', 'text/csv, application/json'), '200 text/csv', 'equal q: the client’s first')
  t.equal(await csvOrJson('/breaches', 'application/xml'), '406 application/problem+json')
  t.equal(await csvOrJson('/breaches.csv', 'text/*'), '200 text/csv')
  t.equal(await csvOrJson('/breaches.csv', 'application/json'), '406 application/problem+json', 'the CSV operation offers CSV only')
  const prometheus = 'application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.4,*/*;q=0.1'
  t.equal(await csvOrJson('/metrics', prometheus), '200 text/plain', 'a Prometheus scrape')
  t.equal((await api.call({ method: 'GET', url: '/health/live', key: null, headers: { accept: 'application/xml' } })).statusCode, 406, 'health too')
  t.equal((await api.call({ method: 'GET', url: '/openapi.json', key: null, headers: { accept: 'text/html' } })).statusCode, 406, 'the contract too')
  t.equal((await api.call({ method: 'GET', url: '/docs/', key: null, headers: { accept: 'text/html' } })).statusCode, 200, 'the reference page is HTML')

  const doc = api.app.swagger() as unknown as { paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>> }
  const answered: string[] = []
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      t.ok(op.responses['406'] || Object.keys(op.responses).includes('204'), `${op.operationId} documents its 406`)
      if (!op.responses['406']) continue
      const url = path.replace(/\{[^}]+\}/g, '0190f0c2-6a1e-7cc2-9a52-1f1d1b6f7a01')
      const res = await api.call({
        method: method.toUpperCase() as 'GET',
        url,
        headers: { accept: 'application/xml' },
        payload: method === 'get' ? undefined : {},
      })
      if (res.statusCode !== 406 || !isProblem(res)) answered.push(`${op.operationId}: ${res.statusCode}`)
    }
  }
  t.same(answered, [], 'every operation with a body to return answers application/xml with a 406 problem')
})
