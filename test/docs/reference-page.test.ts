import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import t from 'tap'
import { PROBLEM_KINDS } from '../../src/http/problems.js'
import { SCHEMA_EXAMPLES } from '../../src/openapi-examples.js'
import { buildTestApp } from '../helpers/app.js'

type Paths = Record<string, Record<string, { responses: Record<string, { content?: Record<string, { examples?: Record<string, unknown> }> }> }>>

const committed = JSON.parse(readFileSync('openapi/openapi.json', 'utf8'))

t.test('the servers entry: relative by default, PUBLIC_URL when set', async (t) => {
  t.same(
    committed.servers.map((s: { url: string }) => s.url),
    ['/'],
    'the committed document calls whichever server it is loaded from',
  )
  const plain = await buildTestApp(t)
  t.same((await plain.call({ method: 'GET', url: '/docs/json', key: null })).json().servers[0].url, '/', 'the reference page’s document too')
  const proxied = await buildTestApp(t, { env: { PUBLIC_URL: 'https://api.example.org/family-work' } })
  t.same((await proxied.call({ method: 'GET', url: '/openapi.json', key: null })).json().servers, [
    { url: 'https://api.example.org/family-work', description: 'This deployment (PUBLIC_URL)' },
  ])
})

t.test('every schema example is valid against its schema', async (t) => {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormatsModule.default(ajv)
  ajv.addSchema({ $id: 'doc', components: committed.components })
  for (const [id, example] of Object.entries(SCHEMA_EXAMPLES)) {
    t.same(committed.components.schemas[id].examples, [example], `${id} carries its example`)
    const validate = ajv.compile({ $ref: `doc#/components/schemas/${id}` })
    t.ok(validate(example), `${id}: ${ajv.errorsText(validate.errors)}`)
  }
  const validateProblem = ajv.compile({ $ref: 'doc#/components/schemas/Problem' })
  let responses = 0
  for (const [path, operations] of Object.entries(committed.paths as Paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        const media = response.content?.['application/problem+json']
        if (!media) continue
        responses++
        const examples = Object.values(media.examples ?? {}) as { value: { type: string; status: number } }[]
        const kinds = Object.entries(PROBLEM_KINDS).filter(([, k]) => String(k.status) === status)
        if (examples.length !== kinds.length) t.fail(`${method} ${path} ${status}: one example per problem type of the status`)
        for (const { value } of examples) {
          if (String(value.status) !== status || !validateProblem(value)) t.fail(`${method} ${path} ${status}: ${value.type} is not a valid ${status} problem`)
        }
      }
    }
  }
  t.ok(responses > 100, `${responses} problem responses, each with its examples`)
})

t.test('each problem type URL is a page saying what it means and what to do', async (t) => {
  const api = await buildTestApp(t)
  for (const [kind, { status, title }] of Object.entries(PROBLEM_KINDS)) {
    const page = await api.call({ method: 'GET', url: `/problems/${kind}`, key: null })
    t.equal(page.statusCode, 200, kind)
    t.match(page.headers['content-type'], /^text\/html/)
    t.match(page.body, `<h1>${title}</h1>`)
    t.match(page.body, `HTTP status <strong>${status}</strong>`)
    t.match(page.body, /<h2>What it means<\/h2>\n<p>.{20,}/)
    t.match(page.body, /<h2>What to do<\/h2>\n<p>.{20,}/)
  }
  const index = await api.call({ method: 'GET', url: '/problems', key: null })
  t.equal((index.body.match(/<li>/g) ?? []).length, Object.keys(PROBLEM_KINDS).length, 'the index lists every type')
  const unknown = await api.call({ method: 'GET', url: '/problems/no-such-thing', key: null })
  t.equal(unknown.statusCode, 404)
  t.equal(unknown.json().type, '/problems/not-found')
  const error = await api.call({ method: 'GET', url: '/families/not-a-uuid' })
  const linked = await api.call({ method: 'GET', url: error.json().type, key: null })
  t.equal(linked.statusCode, 200, 'the type of a real error resolves')
})
