import { Type } from '@sinclair/typebox'
import { ref } from '../schema/helpers.js'
import { problemExamples } from './problem-examples.js'
import { ProblemSchema } from './schemas.js'

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: each bad field is named in `errors`',
  401: 'Missing, unknown or revoked API key',
  403: "The key's role may not do this",
  404: 'Not found (or outside the key’s team)',
  406: 'No acceptable representation',
  409: 'Conflicts with the current state, a duplicate external reference, or an Idempotency-Key still in flight',
  412: 'If-Match names an older version',
  413: 'Body too large',
  415: 'Unsupported content type',
  422: 'Understood but not allowed: Idempotency-Key reuse, an unknown reference or a broken business rule',
  500: 'Unexpected error',
  503: 'Not ready, or the change kept conflicting with others running at the same moment: retry after `Retry-After` seconds',
}

const problem = (status: number) =>
  Type.Unsafe({
    description: ERROR_DESCRIPTIONS[status],
    content: { 'application/problem+json': { schema: ref(ProblemSchema), examples: problemExamples(status) } },
  })

/** The error responses a route can give, for its OpenAPI entry. */
export function errors(...statuses: number[]): Record<number, ReturnType<typeof problem>> {
  return Object.fromEntries([...new Set([...statuses, 500])].map((s) => [s, problem(s)]))
}

/** Errors every authenticated read can give. */
export const READ_ERRORS = [400, 401, 403]
/** Errors every authenticated change can give. */
export const WRITE_ERRORS = [400, 401, 403, 413, 415, 503]
