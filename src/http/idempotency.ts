import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { sql } from 'kysely'
import type { Db } from '../db/database.js'
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
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
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
    const claimed = await db
      .insertInto('idempotencyKeys')
      .values({ apiKeyId, key, requestHash: hash })
      .onConflict((oc) =>
        oc
          .columns(['apiKeyId', 'key'])
          .doUpdateSet({ requestHash: hash, createdAt: sql`now()`, responseStatus: null, responseHeaders: null, responseBody: null, completedAt: null })
          .where(({ or, eb }) =>
            or([
              eb('idempotencyKeys.createdAt', '<', sql<Date>`now() - make_interval(hours => ${IDEMPOTENCY_RETENTION_HOURS})`),
              eb.and([
                eb('idempotencyKeys.completedAt', 'is', null),
                eb('idempotencyKeys.createdAt', '<', sql<Date>`now() - make_interval(secs => ${ABANDONED_AFTER_SECONDS})`),
              ]),
            ]),
          ),
      )
      .returning('key')
      .executeTakeFirst()
    if (claimed) {
      request.idempotency = { apiKeyId, key }
      return
    }
    const first = await db.selectFrom('idempotencyKeys').selectAll().where('apiKeyId', '=', apiKeyId).where('key', '=', key).executeTakeFirstOrThrow()
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
    const where = db.deleteFrom('idempotencyKeys').where('apiKeyId', '=', claim.apiKeyId).where('key', '=', claim.key)
    if (reply.statusCode >= 500 || (typeof payload !== 'string' && payload !== null && payload !== undefined)) {
      await where.execute()
      return payload
    }
    const headers: Record<string, string> = {}
    for (const name of REPLAYED_HEADERS) {
      const value = reply.getHeader(name)
      if (value !== undefined) headers[name] = String(value)
    }
    await db
      .updateTable('idempotencyKeys')
      .set({ responseStatus: reply.statusCode, responseHeaders: JSON.stringify(headers), responseBody: payload ?? '', completedAt: new Date() })
      .where('apiKeyId', '=', claim.apiKeyId)
      .where('key', '=', claim.key)
      .execute()
    return payload
  })
}

/** Forgets keys past the retention period. */
export async function purgeIdempotencyKeys(db: Db): Promise<number> {
  const result = await db
    .deleteFrom('idempotencyKeys')
    .where('createdAt', '<', sql<Date>`now() - make_interval(hours => ${IDEMPOTENCY_RETENTION_HOURS})`)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
