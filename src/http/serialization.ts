import { type SerializerFactory, SerializerSelector } from '@fastify/fast-json-stringify-compiler'

type Schemas = Record<string, unknown>

/** The shared schemas `schema` refers to (`Family`, `Family#/properties/x`), and those they refer to, by id. */
export function referencedSchemas(schema: unknown, shared: Schemas): Schemas {
  const found: Schemas = {}
  const visit = (node: unknown) => {
    if (Array.isArray(node)) for (const item of node) visit(item)
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') {
          const id = value.split('#')[0]
          if (id !== '' && !(id in found) && id in shared) {
            found[id] = shared[id]
            visit(shared[id])
          }
        } else visit(value)
      }
    }
  }
  visit(schema)
  return found
}

const fastJsonStringify = SerializerSelector()

/**
 * Fastify's serializer compiler, given for each response only the shared schemas it refers to. Given all
 * of them, fast-json-stringify checks and indexes every shared schema again for every response of every
 * route, which was most of the time the API took to start.
 */
export const buildSerializer: SerializerFactory = (externalSchemas, options) => (route) =>
  fastJsonStringify(referencedSchemas(route.schema, (externalSchemas ?? {}) as Schemas), options)(route)
