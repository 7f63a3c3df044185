/**
 * Requests generated from the OpenAPI document: for every operation, values that fit its schemas and hostile
 * ones made by kind (text the database cannot hold, numbers past any column, wrong types, deep nesting,
 * instants outside the calendar or on a leap second, crafted cursors, over-long values), seeded so a failing
 * run can be repeated.
 */

type Schema = Record<string, unknown>
interface Document {
  paths: Record<string, Record<string, { operationId?: string; parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>
  components?: { schemas?: Record<string, Schema> }
}
interface Parameter {
  name: string
  in: string
  schema?: Schema
}

export interface FuzzRequest {
  operationId: string
  method: string
  url: string
  headers: Record<string, string>
  payload?: string
}

/** mulberry32: small, fast and seeded. */
export function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let x = Math.imul(a ^ (a >>> 15), 1 | a)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete']

/** Hostile values by kind; `rnd` picks one kind and its variant. */
const hostileKinds: Array<(rnd: () => number) => unknown> = [
  () => `a\u0000b`,
  () => 'x\ud800y',
  () => '\udc00',
  (rnd) => 'z'.repeat(rnd() < 0.5 ? 1_001 : 70_000),
  () => 2 ** 63,
  () => -(2 ** 53) - 10,
  () => 1e308,
  () => 2 ** 31,
  () => 3.5,
  () => -1,
  () => 0,
  () => true,
  () => null,
  () => ({ nested: { deeper: ['x'] } }),
  () => [],
  (rnd) => {
    let deep: unknown = 'x'
    const depth = rnd() < 0.5 ? 64 : 3_000
    for (let i = 0; i < depth; i++) deep = [deep]
    return deep
  },
  () => '2026-12-31T23:59:60Z',
  () => '1989-12-31T23:59:59Z',
  () => '2101-01-01T00:00:00Z',
  () => '0000-01-01',
  () => '9999-12-31',
  () => '+275760-09-13T00:00:00Z',
  () => '2027-02-30',
  () => Buffer.from(JSON.stringify({ after: "x' OR 1=1 --" })).toString('base64url'),
  () => Buffer.from(JSON.stringify({ after: '9'.repeat(40) })).toString('base64url'),
  () => Buffer.from('{"after":').toString('base64url'),
  () => '%',
  () => '../../etc/passwd',
  () => '\u202e\ufeff',
  () => '00000000-0000-0000-0000-000000000000',
  () => '99999999999999999999',
  () => '-1',
  () => 'NaN',
]

export function hostile(rnd: () => number): unknown {
  return hostileKinds[Math.floor(rnd() * hostileKinds.length)](rnd)
}

function resolve(doc: Document, schema: Schema | undefined): Schema {
  let current = schema ?? {}
  for (let i = 0; i < 10 && typeof current.$ref === 'string'; i++) {
    current = doc.components?.schemas?.[current.$ref.split('/').pop() ?? ''] ?? {}
  }
  return current
}

const uuid = (rnd: () => number) => 'xxxxxxxx-xxxx-7xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => Math.floor(rnd() * 16).toString(16))

/** A value that fits `schema` as far as a generator can tell (patterns it cannot follow are left to fail). */
export function valid(doc: Document, raw: Schema | undefined, rnd: () => number, ids: string[], depth = 0): unknown {
  const schema = resolve(doc, raw)
  if (depth > 8) return null
  if (Array.isArray(schema.enum)) return schema.enum[Math.floor(rnd() * schema.enum.length)]
  if ('const' in schema) return schema.const
  const options = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined
  if (Array.isArray(options) && options.length > 0) return valid(doc, options[Math.floor(rnd() * options.length)], rnd, ids, depth + 1)
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {}
      const required = new Set((schema.required as string[] | undefined) ?? [])
      for (const [name, property] of Object.entries((schema.properties as Record<string, Schema> | undefined) ?? {})) {
        if (required.has(name) || rnd() < 0.5) out[name] = valid(doc, property, rnd, ids, depth + 1)
      }
      return out
    }
    case 'array': {
      const min = Number(schema.minItems ?? 0)
      return Array.from({ length: Math.max(min, rnd() < 0.5 ? 1 : 0) }, () => valid(doc, schema.items as Schema, rnd, ids, depth + 1))
    }
    case 'integer':
    case 'number': {
      const min = Number(schema.minimum ?? 0)
      const max = Number(schema.maximum ?? min + 100)
      const value = min + rnd() * (max - min)
      return type === 'integer' ? Math.floor(value) : Math.round(value * 100) / 100
    }
    case 'boolean':
      return rnd() < 0.5
    default: {
      if (schema.format === 'uuid') return ids.length > 0 && rnd() < 0.7 ? ids[Math.floor(rnd() * ids.length)] : uuid(rnd)
      if (schema.format === 'date-time') return `2026-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}T10:00:00Z`
      if (schema.format === 'date') return `2026-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`
      if (schema.format === 'uri') return 'https://receiver.example/hook'
      const min = Number(schema.minLength ?? 1)
      return 'Fuzz'.padEnd(Math.min(Math.max(min, 4), Number(schema.maxLength ?? 40)), 'z')
    }
  }
}

/** Replaces one value somewhere in `value` with a hostile one, or the whole of it. */
function mutate(value: unknown, rnd: () => number): unknown {
  if (typeof value === 'object' && value !== null && rnd() < 0.8) {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value)
    if (entries.length > 0) {
      const [key, inner] = entries[Math.floor(rnd() * entries.length)]
      const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value }
      ;(copy as Record<string, unknown>)[key] = mutate(inner, rnd)
      return copy
    }
  }
  return hostile(rnd)
}

function safeEncode(value: unknown): string {
  // A bare `%` is sent as it is, as a client with broken percent-encoding would.
  if (value === '%') return '%'
  try {
    return encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value))
  } catch {
    // encodeURIComponent refuses lone surrogates: send their UTF-8-looking bytes as a broken client would.
    return '%ED%A0%80'
  }
}

/** The operations of `doc`, each as method, path template, parameters and body schema. */
export function operations(doc: Document) {
  const result: Array<{ operationId: string; method: string; path: string; parameters: Parameter[]; body?: Schema }> = []
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue
      result.push({
        operationId: op.operationId ?? `${method} ${path}`,
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
      })
    }
  }
  return result
}

/** One request for `op`: valid (about a third of the time) or with one hostile part. */
export function requestFor(doc: Document, op: ReturnType<typeof operations>[number], rnd: () => number, ids: string[]): FuzzRequest {
  const hostilePart = rnd() < 0.35 ? 'none' : (['path', 'query', 'body'] as const)[Math.floor(rnd() * 3)]
  let url = op.path
  const query: string[] = []
  const headers: Record<string, string> = {}
  for (const parameter of op.parameters) {
    const value = valid(doc, parameter.schema, rnd, ids)
    if (parameter.in === 'path') url = url.replace(`{${parameter.name}}`, safeEncode(hostilePart === 'path' && rnd() < 0.7 ? hostile(rnd) : value))
    else if (parameter.in === 'query' && (hostilePart === 'query' || rnd() < 0.4)) {
      query.push(`${parameter.name}=${safeEncode(hostilePart === 'query' && rnd() < 0.6 ? hostile(rnd) : value)}`)
    } else if (parameter.in === 'header' && parameter.name === 'if-match' && rnd() < 0.3) headers['if-match'] = rnd() < 0.5 ? 'W/"1"' : '"1", "zz"'
  }
  if (hostilePart === 'query' && rnd() < 0.3) query.push(`unknown=${safeEncode(hostile(rnd))}`)
  let payload: string | undefined
  if (op.body) {
    const body = valid(doc, op.body, rnd, ids)
    const sent = hostilePart === 'body' ? mutate(body, rnd) : body
    payload = rnd() < 0.03 ? '{"truncated": ' : JSON.stringify(sent)
    headers['content-type'] = 'application/json'
  }
  return { operationId: op.operationId, method: op.method, url: query.length > 0 ? `${url}?${query.join('&')}` : url, headers, payload }
}
