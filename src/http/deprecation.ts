import type { FastifyInstance } from 'fastify'

/**
 * A deprecated operation, declared in its route's `config.deprecation`. Responses carry `Deprecation`
 * (RFC 9745: `@` and the Unix time it took effect), `Sunset` (RFC 8594: an HTTP date after which it may
 * be removed) and a `Link` with `rel="deprecation"` to the notice; the document marks it `deprecated`.
 * The policy: docs/compatibility.md.
 */
export interface Deprecation {
  /** When the deprecation took effect, RFC 3339. */
  since: string
  /** The earliest moment the operation may be removed, RFC 3339; at least 6 months after `since`. */
  sunset?: string
  /** Where the deprecation is explained (the changelog entry). */
  link?: string
}

declare module 'fastify' {
  interface FastifyContextConfig {
    deprecation?: Deprecation
  }
}

/** The response headers announcing a deprecation. */
export function deprecationHeaders({ since, sunset, link }: Deprecation): Record<string, string> {
  return {
    deprecation: `@${Math.floor(Date.parse(since) / 1000)}`,
    ...(sunset ? { sunset: new Date(sunset).toUTCString() } : {}),
    ...(link ? { link: `<${link}>; rel="deprecation"` } : {}),
  }
}

/** Refuses, at start, a deprecation whose dates do not parse or whose sunset comes first. */
function assertValid({ since, sunset }: Deprecation, url: string): void {
  if (Number.isNaN(Date.parse(since))) throw new Error(`${url}: deprecation.since is not an instant: ${since}`)
  if (sunset !== undefined && !(Date.parse(sunset) > Date.parse(since))) throw new Error(`${url}: deprecation.sunset must be an instant after since`)
}

/** Adds the deprecation headers to every response of a deprecated operation, errors included. Register before the routes. */
export function registerDeprecation(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const deprecation = route.config?.deprecation
    if (deprecation) assertValid(deprecation, route.url)
  })
  app.addHook('onSend', async (request, reply) => {
    const deprecation = request.routeOptions.config.deprecation
    if (deprecation) reply.headers(deprecationHeaders(deprecation))
  })
}
