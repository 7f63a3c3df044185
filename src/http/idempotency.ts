import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Db } from '../db/database.js'
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  deleteExpiredIdempotencyKeys,
  findIdempotencyKey,
  forgetIdempotencyKey,
} from './idempotency.repository.js'
import { invalidField, ProblemError } from './problems.js'

/** How long a key is remembered; the contract promises at least 24 hours. */
export const IDEMPOTENCY_RETENTION_HOURS = 48
/** A first request still unfinished after this long is taken to have died with its process. */
const ABANDONED_AFTER_SECONDS = 300
const REPLAYED_HEADERS = ['content-type', 'etag', 'location']

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { apiKeyId: string; key: string } | null
  }
}

const stable = (value: unknown): string =>
  JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  )

const requestHash = (request: FastifyRequest): string =>
  createHash('sha256')
    .update(`${request.method} ${request.url}\n${stable(request.body ?? null)}`)
    .digest('hex')

/**
 * `Idempotency-Key` on POST: the first request is recorded as in flight; its response (unless a 5xx)
 * is stored and replayed to any retry with the same key and body. Keys are scoped to the API key.
 */
export function registerIdempotency(app: FastifyInstance, db: Db): void {
  app.decorateRequest('idempotency', null)

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key']
    if (request.method !== 'POST' || key === undefined || !request.caller?.keyId) return
    if (typeof key !== 'string' || key.length < 1 || key.length > 255) {
      throw invalidField('Idempotency-Key', 'must be 1 to 255 characters', 'headers')
    }
    const hash = requestHash(request)
    const apiKeyId = request.caller.keyId
    const claimed = await claimIdempotencyKey(db, {
      apiKeyId,
      key,
      requestHash: hash,
      retentionHours: IDEMPOTENCY_RETENTION_HOURS,
      abandonedAfterSeconds: ABANDONED_AFTER_SECONDS,
    })
    if (claimed) {
      request.idempotency = { apiKeyId, key }
      return
    }
    const first = await findIdempotencyKey(db, apiKeyId, key)
    if (first.requestHash !== hash) {
      throw new ProblemError('idempotency-key-reused', 'This Idempotency-Key was first used with a different request; use a new key')
    }
    if (first.completedAt === null || first.responseStatus === null) {
      throw new ProblemError('idempotency-key-in-flight', 'The first request with this Idempotency-Key has not finished; retry shortly')
    }
    reply.code(first.responseStatus).headers({ ...(first.responseHeaders ?? {}), 'idempotent-replayed': 'true' })
    return reply.send(first.responseBody ?? '')
  })

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency
    if (!claim) return payload
    request.idempotency = null
    if (reply.statusCode >= 500 || (typeof payload !== 'string' && payload !== null && payload !== undefined)) {
      await forgetIdempotencyKey(db, claim.apiKeyId, claim.key)
      return payload
    }
    const headers: Record<string, string> = {}
    for (const name of REPLAYED_HEADERS) {
      const value = reply.getHeader(name)
      if (value !== undefined) headers[name] = String(value)
    }
    await completeIdempotencyKey(db, claim.apiKeyId, claim.key, { status: reply.statusCode, headers, body: payload ?? '' })
    return payload
  })
}

/** Forgets keys past the retention period (by the database's clock: see idempotency.repository.ts). */
export const purgeIdempotencyKeys = (db: Db): Promise<number> => deleteExpiredIdempotencyKeys(db, IDEMPOTENCY_RETENTION_HOURS)
