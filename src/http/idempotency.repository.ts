import { type RawBuilder, sql, type Transaction } from 'kysely'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema.js'

/**
 * Idempotency keys live on the database's clock (`now()`), the one exception to the change's `now`: their
 * expiry is housekeeping that every instance must judge alike, whatever clock an app is given.
 */
const olderThan = (interval: RawBuilder<unknown>) => sql<Date>`now() - ${interval}`
const hours = (n: number) => sql`make_interval(hours => ${n})`

interface Claim {
  apiKeyId: string
  key: string
  requestHash: string
  retentionHours: number
}

/**
 * Records `key` in the transaction of the change it guards (or takes over a record of it past
 * `retentionHours`). False when another request holds the key in a transaction still running, or a
 * record of it stands: the caller answers that the first request is in flight. The advisory lock makes a
 * second request with the key answer at once instead of waiting for the first to end.
 */
export async function claimIdempotencyKeyIn(trx: Transaction<Database>, o: Claim): Promise<boolean> {
  const { apiKeyId, key, requestHash } = o
  const { rows } = await sql<{ free: boolean }>`SELECT pg_try_advisory_xact_lock(hashtextextended(${`idempotency:${apiKeyId}:${key}`}, 0)) AS free`.execute(trx)
  if (!rows[0]?.free) return false
  const claimed = await trx
    .insertInto('idempotencyKeys')
    .values({ apiKeyId, key, requestHash, createdAt: sql`now()`, changeTx: sql`pg_current_xact_id()` })
    .onConflict((oc) =>
      oc
        .columns(['apiKeyId', 'key'])
        .doUpdateSet({
          requestHash,
          createdAt: sql`now()`,
          changeTx: sql`pg_current_xact_id()`,
          responseStatus: null,
          responseHeaders: null,
          responseBody: null,
          completedAt: null,
        })
        .where('idempotencyKeys.createdAt', '<', olderThan(hours(o.retentionHours))),
    )
    .returning('key')
    .executeTakeFirst()
  return claimed !== undefined
}

/**
 * Records `key` with its response at once, for a request whose change ran outside `runInTransaction`;
 * false when a record of the key already stands.
 */
export async function recordIdempotencyKey(
  db: Db,
  o: Omit<Claim, 'retentionHours'> & { response: { status: number; headers: Record<string, string>; body: string } },
): Promise<boolean> {
  const { apiKeyId, key, requestHash, response } = o
  const recorded = await db
    .insertInto('idempotencyKeys')
    .values({
      apiKeyId,
      key,
      requestHash,
      createdAt: sql`now()`,
      responseStatus: response.status,
      responseHeaders: JSON.stringify(response.headers),
      responseBody: response.body,
      completedAt: sql`now()`,
    })
    .onConflict((oc) => oc.columns(['apiKeyId', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst()
  return recorded !== undefined
}

/** A key's record, with whether its first request is older than `seconds` (by the database's clock). */
export const findIdempotencyKey = (db: Db, apiKeyId: string, key: string, seconds: number) =>
  db
    .selectFrom('idempotencyKeys')
    .selectAll()
    .select(sql<boolean>`created_at < now() - make_interval(secs => ${seconds})`.as('olderThanGrace'))
    .where('apiKeyId', '=', apiKeyId)
    .where('key', '=', key)
    .executeTakeFirst()

/** What the change a key guards did: its events, in order. */
export const eventsOfChange = (db: Db, changeTx: string) =>
  db.selectFrom('events').select(['type', 'subjectType', 'subjectId']).where('tx', '=', changeTx).orderBy('id').execute()

/**
 * Keeps the response of a key's first request, to replay to its retries. A response that cannot be kept
 * (a stream, or a 5xx after the change committed) is recorded as lost: `status` null.
 */
export async function completeIdempotencyKey(
  db: Db,
  apiKeyId: string,
  key: string,
  response: { status: number; headers: Record<string, string>; body: string } | null,
): Promise<void> {
  await db
    .updateTable('idempotencyKeys')
    .set({
      responseStatus: response?.status ?? null,
      responseHeaders: response ? JSON.stringify(response.headers) : null,
      responseBody: response?.body ?? null,
      completedAt: sql`now()`,
    })
    .where('apiKeyId', '=', apiKeyId)
    .where('key', '=', key)
    .execute()
}

/** Deletes the keys recorded more than `retentionHours` ago; returns how many. */
export async function deleteExpiredIdempotencyKeys(db: Db, retentionHours: number): Promise<number> {
  const result = await db
    .deleteFrom('idempotencyKeys')
    .where('createdAt', '<', olderThan(hours(retentionHours)))
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
