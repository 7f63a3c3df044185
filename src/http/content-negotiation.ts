import type { FastifyInstance, RouteOptions } from 'fastify'
import Negotiator from 'negotiator'
import { ProblemError } from './problems.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Media types the route answers with, when not only those of its documented success response. */
    produces?: readonly string[]
  }
}

const JSON_ONLY = ['application/json'] as const

/**
 * The media types a route answers with: its `produces`, else those of its documented success response
 * (`application/json` unless it names others). None for routes outside the contract (the reference page,
 * problem pages) and for a success with no body.
 */
export function producedBy(route: Pick<RouteOptions, 'schema' | 'config'>): readonly string[] | null {
  const config = route.config as { produces?: readonly string[] } | undefined
  if (config?.produces) return config.produces
  const schema = route.schema as { hide?: boolean; response?: Record<string, { content?: Record<string, unknown> }> } | undefined
  if (!schema || schema.hide) return null
  const success = Object.entries(schema.response ?? {}).find(([code]) => code.startsWith('2') && code !== '204')
  if (!success) return null
  return success[1].content ? Object.keys(success[1].content) : JSON_ONLY
}

/** Of `offered`, the one the request's `Accept` prefers (q-values, wildcards, order), or undefined if none. */
export const preferredType = (accept: string | undefined, offered: readonly string[]): string | undefined =>
  new Negotiator({ headers: { accept } }).mediaType([...offered])

/**
 * RFC 9110 §12.5.1: a request whose `Accept` admits none of the route's media types gets 406 (a missing
 * `Accept`, `*` wildcards and q-values are honoured), before any work is done.
 */
export function registerContentNegotiation(app: FastifyInstance): void {
  // Each route's media types, worked out from its schema once rather than on every request.
  const offeredByRoute = new WeakMap<object, readonly string[] | null>()
  const offeredBy = (route: Pick<RouteOptions, 'schema' | 'config'>) => {
    const key = route.config ?? route
    let offered = offeredByRoute.get(key)
    if (offered === undefined) {
      offered = producedBy(route)
      offeredByRoute.set(key, offered)
    }
    return offered
  }
  app.addHook('onRequest', async (request) => {
    const accept = request.headers.accept
    if (accept === undefined || accept === '*/*' || !request.routeOptions.url) return
    const offered = offeredBy(request.routeOptions as Pick<RouteOptions, 'schema' | 'config'>)
    if (!offered || preferredType(accept, offered)) return
    throw new ProblemError('not-acceptable', `This operation answers with ${offered.join(' or ')}; the Accept header admits none of them`)
  })
}
