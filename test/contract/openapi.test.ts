import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import t from 'tap'
import { CLIENT, generateDocument, generateTypes } from '../../scripts/generate-openapi.js'

const run = promisify(execFile)

t.test('the committed contract is what the code generates', async (t) => {
  const committed = readFileSync('openapi/openapi.json', 'utf8')
  const generated = await generateDocument()
  t.equal(generated, committed, 'openapi/openapi.json is stale: run npm run openapi')
  t.equal(generateTypes('openapi/openapi.json'), readFileSync('openapi/schema.d.ts', 'utf8'), 'openapi/schema.d.ts is stale: run npm run openapi')
  t.equal(readFileSync('openapi/client.ts', 'utf8'), CLIENT, 'openapi/client.ts is stale: run npm run openapi')
})

t.test('the contract is well formed', async (t) => {
  const document = JSON.parse(readFileSync('openapi/openapi.json', 'utf8'))
  t.equal(document.openapi, '3.1.0')
  t.notMatch(JSON.stringify(document), /def-\d+/, 'components are named, not def-N')
  for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, Record<string, unknown>>>)) {
    for (const [method, operation] of Object.entries(methods)) {
      const where = `${method.toUpperCase()} ${path}`
      t.ok(operation.operationId, `${where} has an operationId`)
      t.ok((operation.tags as string[] | undefined)?.length, `${where} has a tag`)
      t.ok(operation.summary, `${where} has a summary`)
      t.ok(operation.description, `${where} has a description`)
      const responses = operation.responses as Record<string, { content?: Record<string, unknown> }>
      t.ok(responses['500']?.content?.['application/problem+json'], `${where} lists its error responses as problems`)
    }
  }
})

t.test('the contract passes the OpenAPI linter with zero errors', async (t) => {
  const { stdout, stderr } = await run('node_modules/.bin/redocly', ['lint', 'openapi/openapi.json', '--config', 'redocly.yaml'], {
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', NO_COLOR: '1' },
  })
  t.match(`${stdout}${stderr}`, /Your API description is valid/)
})
