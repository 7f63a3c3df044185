import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Db } from '../db/database.js'
import { withChangeHooks } from '../db/transaction.js'
import {
  claimIdempotencyKeyIn,
  completeIdempotencyKey,
  deleteExpiredIdempotencyKeys,
  eventsOfChange,
  findIdempotencyKey,
  recordIdempotencyKey,
} from './idempotency.repository.js'
import { invalidField, ProblemError } from './problems.js'

/** How long a key is remembered; the contract promises at least 24 hours. */
export const IDEMPOTENCY_RETENTION_HOURS = 48
/**
 * A change committed this long ago without its response stored: the process stopped between the two.
 * Younger, the first request is taken to be still writing its response.
 */
const RESPONSE_LOST_AFTER_SECONDS = 60
const REPLAYED_HEADERS = ['content-type', 'etag', 'location']

interface Claim {
  apiKeyId: string
  key: string
  requestHash: string
  /** True once a change of this request committed with the key claimed in its transaction. */
  committed: boolean
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: Claim | null
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

const inFlight = () => new ProblemError('idempotency-key-in-flight', 'The first request with this Idempotency-Key has not finished; retry shortly')

async function responseLost(db: Db, row: { createdAt: Date; changeTx: string | null }): Promise<ProblemError> {
  const events = row.changeTx ? await eventsOfChange(db, row.changeTx) : []
  const made = events.map((e) => `${e.type} (${e.subjectType} ${e.subjectId})`).join(', ')
  return new ProblemError(
    'idempotency-key-response-lost',
    `The first request with this Idempotency-Key was carried out at ${row.createdAt.toISOString()}, but its response was lost as the server stopped. ` +
      `The change was made once and will not be made again${made ? `; it recorded ${made}` : ''}. Read those records for their current state.`,
  )
}

/**
 * What a request with a key gets before its handler runs: the first request's response replayed, an
 * error, or null when the key is free and the handler should run.
 */
async function answerFromRecord(db: Db, reply: FastifyReply, claim: Claim): Promise<'replayed' | null> {
  const first = await findIdempotencyKey(db, claim.apiKeyId, claim.key, RESPONSE_LOST_AFTER_SECONDS)
  if (!first) return null
  if (first.requestHash !== claim.requestHash) {
    throw new ProblemError('idempotency-key-reused', 'This Idempotency-Key was first used with a different request; use a new key')
  }
  if (first.responseStatus !== null) {
    reply.code(first.responseStatus).headers({ ...(first.responseHeaders ?? {}), 'idempotent-replayed': 'true' })
    reply.send(first.responseBody ?? '')
    return 'replayed'
  }
  if (first.completedAt === null && !first.olderThanGrace) throw inFlight()
  throw await responseLost(db, first)
}

/**
 * `Idempotency-Key` on POST, scoped to the API key. The key is claimed in the same transaction as the
 * change it guards (through the change hooks of `runInTransaction`), so it exists exactly when the change
 * committed: a request that died before its commit left nothing, and its retry runs afresh; one that
 * committed is never run again. The response (unless a 5xx) is stored after the commit and replayed to
 * retries with the same key and body; should the process stop between the commit and storing it, a retry
 * is told the change was made and what it recorded (`idempotency-key-response-lost`).
 */
export function registerIdempotency(app: FastifyInstance, db: Db): void {
  app.decorateRequest('idempotency', null)

  app.addHook('preHandler', (request, reply, done) => {
    const key = request.headers['idempotency-key']
    if (request.method !== 'POST' || key === undefined || !request.caller?.keyId) return done()
    if (typeof key !== 'string' || key.length < 1 || key.length > 255) return done(invalidField('Idempotency-Key', 'must be 1 to 255 characters', 'headers'))
    const claim: Claim = { apiKeyId: request.caller.keyId, key, requestHash: requestHash(request), committed: false }
    answerFromRecord(db, reply, claim).then((answered) => {
      if (answered) return
      request.idempotency = claim
      // The handler runs inside the hooks, so every change it makes claims the key first.
      withChangeHooks(
        {
          atStart: async (trx) => {
            if (claim.committed) return
            if (!(await claimIdempotencyKeyIn(trx, { ...claim, retentionHours: IDEMPOTENCY_RETENTION_HOURS }))) throw inFlight()
          },
          afterCommit: () => {
            claim.committed = true
          },
        },
        done,
      )
    }, done)
  })

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency
    if (!claim) return payload
    request.idempotency = null
    const storable = typeof payload === 'string' || payload === null || payload === undefined
    const response = storable && reply.statusCode < 500 ? { status: reply.statusCode, headers: replayedHeaders(reply), body: payload ?? '' } : null
    if (claim.committed) {
      await completeIdempotencyKey(db, claim.apiKeyId, claim.key, response)
    } else if (response && response.status < 300) {
      // A change made outside runInTransaction: the key is recorded with its response, after the fact.
      await recordIdempotencyKey(db, { ...claim, response })
    }
    return payload
  })
}

function replayedHeaders(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const name of REPLAYED_HEADERS) {
    const value = reply.getHeader(name)
    if (value !== undefined) headers[name] = String(value)
  }
  return headers
}

/** Forgets keys past the retention period (by the database's clock: see idempotency.repository.ts). */
export const purgeIdempotencyKeys = (db: Db): Promise<number> => deleteExpiredIdempotencyKeys(db, IDEMPOTENCY_RETENTION_HOURS)
