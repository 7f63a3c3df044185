import fastifySwagger from '@fastify/swagger'
import Fastify from 'fastify'
import t from 'tap'
import { registerDeprecation } from '../../src/http/deprecation.js'
import { openApiOptions } from '../../src/openapi.js'

/** An app with the deprecation hooks and the document's conventions, and one deprecated operation beside a current one. */
async function appWith(deprecation: { since: string; sunset?: string; link?: string }) {
  const app = Fastify()
  await app.register(fastifySwagger, openApiOptions)
  registerDeprecation(app)
  const schema = (operationId: string) => ({ operationId, tags: ['Health'], summary: operationId, description: operationId })
  app.get('/old', { config: { access: 'public', deprecation }, schema: schema('oldWay') }, async () => ({ ok: true }))
  app.get('/old/fails', { config: { access: 'public', deprecation }, schema: schema('oldFailure') }, async () => {
    throw Object.assign(new Error('gone'), { statusCode: 410 })
  })
  app.get('/new', { config: { access: 'public' }, schema: schema('newWay') }, async () => ({ ok: true }))
  await app.ready()
  return app
}

t.test('a deprecated operation announces itself in its responses and in the document', async (t) => {
  const app = await appWith({ since: '2027-03-01T00:00:00Z', sunset: '2027-09-01T00:00:00Z', link: 'https://example.org/changelog#0.3.0' })
  t.teardown(() => app.close())

  const old = await app.inject({ method: 'GET', url: '/old' })
  t.equal(old.statusCode, 200)
  t.equal(old.headers.deprecation, `@${Date.parse('2027-03-01T00:00:00Z') / 1000}`, 'RFC 9745: @ and the Unix time')
  t.equal(old.headers.sunset, 'Wed, 01 Sep 2027 00:00:00 GMT', 'RFC 8594: an HTTP date')
  t.equal(old.headers.link, '<https://example.org/changelog#0.3.0>; rel="deprecation"')
  const failed = await app.inject({ method: 'GET', url: '/old/fails' })
  t.equal(failed.statusCode, 410)
  t.ok(failed.headers.deprecation, 'errors of a deprecated operation carry it too')
  const current = await app.inject({ method: 'GET', url: '/new' })
  t.equal(current.headers.deprecation, undefined, 'a current operation does not')
  t.equal(current.headers.sunset, undefined)

  const document = app.swagger() as { paths: Record<string, { get: { deprecated?: boolean } }> }
  t.equal(document.paths['/old'].get.deprecated, true, 'deprecated: true in the document')
  t.notOk(document.paths['/new'].get.deprecated)
})

t.test('a deprecation without a sunset or link sends Deprecation alone', async (t) => {
  const app = await appWith({ since: '2027-03-01' })
  t.teardown(() => app.close())
  const old = await app.inject({ method: 'GET', url: '/old' })
  t.equal(old.headers.deprecation, `@${Date.parse('2027-03-01') / 1000}`)
  t.equal(old.headers.sunset, undefined)
  t.equal(old.headers.link, undefined)
})

t.test('a deprecation with unreadable dates stops the app at start', async (t) => {
  await t.rejects(appWith({ since: 'next spring' }), /deprecation.since is not an instant/)
  await t.rejects(appWith({ since: '2027-03-01T00:00:00Z', sunset: '2027-01-01T00:00:00Z' }), /sunset must be an instant after since/)
})
