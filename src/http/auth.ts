import { createHash, randomBytes } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Caller, Role } from '../context.js'
import type { Db } from '../db/database.js'
import { findActiveKeyByHash } from './auth.repository.js'
import type { AuthThrottle } from './auth-throttle.js'
import type { KeyCache } from './key-cache.js'
import { ProblemError } from './problems.js'

/** Who may call a route: `public`, or the roles allowed besides `admin`, who may do everything. */
export type Access = 'public' | readonly Role[]

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller
  }
  interface FastifyContextConfig {
    access?: Access
  }
}

export const hashKey = (secret: string): string => createHash('sha256').update(secret).digest('hex')

/** A new secret: a recognisable prefix and 32 random bytes. Only its SHA-256 is stored. */
export function newKeySecret(): { secret: string; prefix: string } {
  const body = randomBytes(32).toString('base64url')
  return { secret: `fwk_${body}`, prefix: `fwk_${body.slice(0, 6)}` }
}

export const READ_ROLES: readonly Role[] = ['manager', 'practitioner', 'integration', 'viewer']

export interface AuthOptions {
  keys: KeyCache
  throttle: AuthThrottle
}

function refuseThrottled(throttle: AuthThrottle, request: FastifyRequest): void {
  const wait = throttle.retryAfter(request.ip)
  if (wait > 0) throw new ProblemError('too-many-requests', `Too many failed authentications from this address; try again in ${wait} s`, undefined, wait)
}

async function authenticate(db: Db, request: FastifyRequest, { keys, throttle }: AuthOptions): Promise<Caller> {
  const header = request.headers.authorization
  const match = header?.match(/^Bearer\s+(\S+)$/i)
  if (!match) throw new ProblemError('unauthorized', 'Send an API key as "Authorization: Bearer <key>"')
  const hash = hashKey(match[1])
  let row = keys.get(hash)
  if (!row) {
    refuseThrottled(throttle, request)
    row = (await findActiveKeyByHash(db, hash)) ?? null
    if (!row) {
      throttle.failed(request.ip)
      throw new ProblemError('unauthorized', 'The API key is unknown or has been revoked')
    }
    keys.set(hash, row)
  }
  const acting = request.headers['x-acting-user']
  return {
    keyId: row.id,
    role: row.role,
    teamId: row.teamId,
    actingUser: typeof acting === 'string' && acting.trim() ? acting.trim().slice(0, 200) : null,
  }
}

/** Authenticates every non-public route and checks the caller's role against the route's `access`. */
export function registerAuth(app: FastifyInstance, db: Db, options: AuthOptions): void {
  // Set by the hook below on every route that is not public.
  app.decorateRequest('caller')
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access
    if (access === 'public' || !request.routeOptions.url) return
    if (!access) throw new Error(`route ${request.routeOptions.url} declares no access`)
    request.caller = await authenticate(db, request, options)
    if (request.caller.role !== 'admin' && !access.includes(request.caller.role)) {
      throw new ProblemError('forbidden', `The ${request.caller.role} role may not ${request.method} ${request.routeOptions.url}`)
    }
  })
}
