import { SerializerSelector } from '@fastify/fast-json-stringify-compiler'
import t from 'tap'
import { apiSchemas } from '../../src/api-schemas.js'
import { buildSerializer, referencedSchemas } from '../../src/http/serialization.js'

const shared = {
  Family: { $id: 'Family', type: 'object', properties: { members: { type: 'array', items: { $ref: 'Member' } }, sla: { $ref: 'Sla#' } } },
  Member: { $id: 'Member', type: 'object', properties: { givenName: { type: 'string' }, family: { $ref: 'Family' } } },
  Sla: { $id: 'Sla', type: 'object', properties: { clocks: { type: 'array', items: { $ref: 'Clock#/definitions/one' } } } },
  Clock: { $id: 'Clock', definitions: { one: { type: 'object', properties: { dueAt: { type: 'string' } } } } },
  Team: { $id: 'Team', type: 'object' },
}

t.test('a response is given the shared schemas it refers to, and those they refer to, and no others', async (t) => {
  t.same(Object.keys(referencedSchemas({ $ref: 'Family' }, shared)).sort(), ['Clock', 'Family', 'Member', 'Sla'], 'through arrays, pointers and a cycle')
  t.same(Object.keys(referencedSchemas({ type: 'object', properties: { team: { $ref: 'Team#' } } }, shared)), ['Team'])
  t.same(referencedSchemas({ type: 'object', properties: { x: { $ref: '#/definitions/local' } } }, shared), {}, 'a reference within the schema needs none')
  t.same(referencedSchemas({ $ref: 'Unknown' }, shared), {}, 'an id it does not share is left to the serializer to report')
})

t.test('a response serializes as it would with every shared schema', async (t) => {
  const all = Object.fromEntries(apiSchemas.map((s) => [(s as { $id: string }).$id, s]))
  const family = {
    members: [{ givenName: 'Sam', family: { members: [] }, extra: 'dropped' }],
    sla: { clocks: [{ dueAt: '2027-01-05T17:00:00.000Z', secret: 'dropped' }] },
    notInSchema: true,
  }
  const route = { method: 'GET', url: '/families/:id', httpStatus: '200', schema: { $ref: 'Family#' } }
  const serialize = buildSerializer(shared, {})(route)
  t.equal(serialize(family), SerializerSelector()(shared, {})(route)(family), 'the same text as Fastify’s own, given every schema')
  t.same(JSON.parse(serialize(family)), {
    members: [{ givenName: 'Sam', family: { members: [] } }],
    sla: { clocks: [{ dueAt: '2027-01-05T17:00:00.000Z' }] },
  })
  t.ok(Object.keys(all).length > 50, `the API shares ${Object.keys(all).length} schemas`)
  const problem = { $ref: 'Problem#' }
  t.ok(Object.keys(referencedSchemas(problem, all)).length < Object.keys(all).length / 4, 'a problem needs a few of them')
})
