import t from 'tap'
import { buildTestApp } from '../helpers/app.js'

t.test('GET /openapi.json serves the document built once: the same bytes on every call, as UTF-8 JSON', async (t) => {
  const api = await buildTestApp(t)
  const build = api.app.swagger.bind(api.app)
  let builds = 0
  api.app.swagger = ((...args: Parameters<typeof build>) => {
    builds++
    return build(...args)
  }) as typeof api.app.swagger

  const first = await api.call({ method: 'GET', url: '/openapi.json', key: null })
  const second = await api.call({ method: 'GET', url: '/openapi.json', key: null })
  t.equal(first.statusCode, 200)
  t.equal(first.headers['content-type'], 'application/json; charset=utf-8')
  t.equal(Number(first.headers['content-length']), first.rawPayload.length, 'its length in bytes')
  t.equal(second.body, first.body)
  t.same(JSON.parse(first.body), JSON.parse(JSON.stringify(build())), 'the document @fastify/swagger builds')
  t.ok(first.body.includes('’'), 'non-ASCII text survives the encoding')
  t.equal(builds, 1, 'built on the first call only')
})
