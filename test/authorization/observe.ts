import type { LightMyRequestResponse } from 'fastify'
import type { Outcome } from './access-table.js'

/** The class of an answer: what the access table predicts, or what went wrong instead. */
export function outcomeOf(res: LightMyRequestResponse): Outcome | `unexpected ${number} ${string}` {
  const type = res.statusCode >= 400 ? String(res.json().type ?? '') : ''
  if (res.statusCode === 401) return 'unauthenticated'
  if (res.statusCode === 403) return 'forbidden'
  if (res.statusCode === 404 || type.endsWith('/invalid-reference')) return 'hidden'
  // A request the route refused as invalid never reached its service, so says nothing of access.
  if (res.statusCode === 400 || res.statusCode >= 500) return `unexpected ${res.statusCode} ${res.body.slice(0, 200)}`
  return 'allowed'
}
