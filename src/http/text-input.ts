import type { FastifyInstance, FastifyRequest } from 'fastify'
import { invalidField } from './problems.js'

/**
 * Text the service can store and return as it came: no NUL (PostgreSQL text cannot hold it) and well-formed
 * Unicode (a lone UTF-16 surrogate has no UTF-8 form). Checked once for every string of a request, at the edge.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain NUL characters'
  if (LONE_SURROGATE.test(value)) return 'must be well-formed Unicode (no lone surrogates)'
  return null
}

/** The first string in `root` (keys included) that is not acceptable text, with where it is. */
function findBadText(root: unknown): { field: string; message: string } | null {
  const stack: Array<{ value: unknown; path: string }> = [{ value: root, path: '' }]
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: string }
    if (typeof value === 'string') {
      const message = textProblem(value)
      if (message) return { field: path, message }
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => void stack.push({ value: item, path: `${path}[${i}]` }))
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        const field = path ? `${path}.${key}` : key
        const message = textProblem(key)
        if (message) return { field: path || '(a field name)', message: `field names ${message}` }
        stack.push({ value: item, path: field })
      }
    }
  }
  return null
}

function checkText(request: FastifyRequest): void {
  for (const [where, value] of [
    ['params', request.params],
    ['query', request.query],
    ['body', request.body],
  ] as const) {
    const bad = findBadText(value)
    if (bad) throw invalidField(bad.field || where, bad.message, where)
  }
}

/** Refuses a request carrying unacceptable text with a 400 naming the field, before its schema is checked. */
export function registerTextInputCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => checkText(request))
}
