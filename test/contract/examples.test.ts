import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import t from 'tap'
import { generateDocument } from '../../scripts/generate-openapi.js'

// The rule: every request body and every 2xx response body of every operation shows a reader (and the
// SDK's users) what it looks like. For a JSON media type, its schema, followed through its `$ref` to the
// named component, carries a non-empty JSON Schema `examples` list, and each example is valid against that
// schema. An NDJSON body (application/x-ndjson) is a string whose `description` names, in backticks, the
// component each line is: it too needs an example, and each line of it must be valid against that
// component. The other text bodies (text/csv, text/plain, image/svg+xml) are written by the server from
// the JSON data shown elsewhere: for those the test checks that the schema is a string whose
// `description` says what is in it (the columns, the format), and validates any example they carry.

type Schema = { $ref?: string; type?: string; description?: string; examples?: unknown[] }
type Media = { schema?: Schema; example?: unknown; examples?: Record<string, { value?: unknown }> }
type Operation = { requestBody?: { content?: Record<string, Media> }; responses?: Record<string, { content?: Record<string, Media> }> }

const isJson = (mediaType: string) => /^application\/(.+\+)?json$/.test(mediaType)
const isNdjson = (mediaType: string) => mediaType === 'application/x-ndjson'

t.test('every request and 2xx response body has an example that is valid against its schema', async (t) => {
  const document = JSON.parse(await generateDocument())
  const components = document.components.schemas as Record<string, Schema>
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormatsModule.default(ajv, { mode: 'full' })
  ajv.addSchema({ $id: 'doc', components: document.components })

  const missing: string[] = []
  const invalid: string[] = []
  const undocumented: string[] = []
  let bodies = 0
  for (const [path, operations] of Object.entries(document.paths as Record<string, Record<string, Operation>>)) {
    for (const [method, operation] of Object.entries(operations)) {
      const bodiesOf = [
        ...Object.entries(operation.requestBody?.content ?? {}).map(([type, media]) => ({ at: `request ${type}`, type, media })),
        ...Object.entries(operation.responses ?? {})
          .filter(([status]) => /^2\d\d$/.test(status))
          .flatMap(([status, response]) => Object.entries(response.content ?? {}).map(([type, media]) => ({ at: `${status} ${type}`, type, media }))),
      ]
      for (const { at, type, media } of bodiesOf) {
        bodies++
        const where = `${method.toUpperCase()} ${path} ${at}`
        const schema = media.schema ?? {}
        const name = schema.$ref?.split('/').pop()
        const target = name ? components[name] : schema
        const examples = [
          ...(target?.examples ?? []),
          ...(media.example === undefined ? [] : [media.example]),
          ...Object.values(media.examples ?? {}).map((e) => e.value),
        ]
        if (isJson(type)) {
          if (!target?.examples?.length) missing.push(`${where} (${name ?? 'inline schema'})`)
        } else if (target?.type !== 'string' || !target.description) {
          undocumented.push(where)
        }
        if (isNdjson(type)) {
          const line = target?.description?.match(/`(\w+)`/)?.[1]
          const validateLine = line && components[line] ? ajv.getSchema(`doc#/components/schemas/${line}`) : undefined
          if (!validateLine) undocumented.push(`${where}: its description names no component for its lines`)
          if (examples.length === 0) missing.push(`${where} (lines of ${line})`)
          for (const [i, example] of examples.entries()) {
            const lines = String(example)
              .split('\n')
              .filter((l) => l.trim() !== '')
            if (lines.length === 0) invalid.push(`${where} example ${i + 1}: no lines`)
            for (const [n, text] of lines.entries()) {
              if (validateLine && !validateLine(JSON.parse(text)))
                invalid.push(`${where} example ${i + 1} line ${n + 1}: ${ajv.errorsText(validateLine.errors)}`)
            }
          }
        }
        if (examples.length === 0) continue
        const validate = name ? ajv.getSchema(`doc#/components/schemas/${name}`) : ajv.compile(schema)
        if (!validate) throw new Error(`${where}: cannot compile its schema`)
        for (const [i, example] of examples.entries()) {
          if (!validate(example)) invalid.push(`${where} example ${i + 1}: ${ajv.errorsText(validate.errors)}`)
        }
      }
    }
  }
  t.ok(bodies > 150, `${bodies} request and response bodies checked`)
  t.same(missing, [], `these bodies have no example (add one to the schema, e.g. in its module's *.examples.ts):\n${missing.join('\n')}`)
  t.same(invalid, [], `these examples are not valid against their schema:\n${invalid.join('\n')}`)
  t.same(undocumented, [], `these text bodies are not a described string:\n${undocumented.join('\n')}`)
})
