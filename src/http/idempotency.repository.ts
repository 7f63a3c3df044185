import { type RawBuilder, sql } from 'kysely'
import type { Db } from '../db/database.js'

/**
 * Idempotency keys live on the database's clock (`now()`), the one exception to the change's `now`: their
 * expiry is housekeeping that every instance must judge alike, whatever clock an app is given.
 */
const olderThan = (interval: RawBuilder<unknown>) => sql<Date>`now() - ${interval}`
const hours = (n: number) => sql`make_interval(hours => ${n})`
const seconds = (n: number) => sql`make_interval(secs => ${n})`

/**
 * Records `key` as in flight for `requestHash`, or takes over a record of it that has expired
 * (`retentionHours`) or whose first request died unfinished (`abandonedAfterSeconds`). False when
 * another record of the key stands.
 */
export async function claimIdempotencyKey(
  db: Db,
  o: { apiKeyId: string; key: string; requestHash: string; retentionHours: number; abandonedAfterSeconds: number },
): Promise<boolean> {
  const { apiKeyId, key, requestHash } = o
  const claimed = await db
    .insertInto('idempotencyKeys')
    .values({ apiKeyId, key, requestHash, createdAt: sql`now()` })
    .onConflict((oc) =>
      oc
        .columns(['apiKeyId', 'key'])
        .doUpdateSet({ requestHash, createdAt: sql`now()`, responseStatus: null, responseHeaders: null, responseBody: null, completedAt: null })
        .where(({ or, eb }) =>
          or([
            eb('idempotencyKeys.createdAt', '<', olderThan(hours(o.retentionHours))),
            eb.and([eb('idempotencyKeys.completedAt', 'is', null), eb('idempotencyKeys.createdAt', '<', olderThan(seconds(o.abandonedAfterSeconds)))]),
          ]),
        ),
    )
    .returning('key')
    .executeTakeFirst()
  return claimed !== undefined
}

export const findIdempotencyKey = (db: Db, apiKeyId: string, key: string) =>
  db.selectFrom('idempotencyKeys').selectAll().where('apiKeyId', '=', apiKeyId).where('key', '=', key).executeTakeFirstOrThrow()

/** Forgets a key whose response is not kept (a 5xx, or a stream), so a retry runs afresh. */
export async function forgetIdempotencyKey(db: Db, apiKeyId: string, key: string): Promise<void> {
  await db.deleteFrom('idempotencyKeys').where('apiKeyId', '=', apiKeyId).where('key', '=', key).execute()
}

/** Keeps the response of a key's first request, to replay to its retries. */
export async function completeIdempotencyKey(
  db: Db,
  apiKeyId: string,
  key: string,
  response: { status: number; headers: Record<string, string>; body: string },
): Promise<void> {
  await db
    .updateTable('idempotencyKeys')
    .set({ responseStatus: response.status, responseHeaders: JSON.stringify(response.headers), responseBody: response.body, completedAt: sql`now()` })
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
