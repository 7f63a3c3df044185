import type { Insertable, Updateable } from 'kysely'
import type { Db } from '../db/database.js'
import type { ApiKeysTable } from '../db/schema.js'

type NewApiKey = Omit<Insertable<ApiKeysTable>, 'createdAt' | 'updatedAt' | 'version'>
type ApiKeyChange = Omit<Updateable<ApiKeysTable>, 'id' | 'createdAt' | 'updatedAt'>

/** What the API shows of a key: never its hash. */
const columns = ['id', 'name', 'role', 'teamId', 'keyPrefix as prefix', 'revokedAt', 'createdAt', 'updatedAt', 'version'] as const

export const findApiKeyById = (db: Db, id: string) => db.selectFrom('apiKeys').select(columns).where('id', '=', id).executeTakeFirst()

export const lockApiKeyById = (db: Db, id: string) => db.selectFrom('apiKeys').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

/** A page of keys ordered by id, with one row more than `limit` when there is a next page. */
export function findApiKeyPage(db: Db, options: { limit: number; after: string | null; includeRevoked: boolean }) {
  let query = db
    .selectFrom('apiKeys')
    .select(columns)
    .orderBy('id')
    .limit(options.limit + 1)
  if (options.after) query = query.where('id', '>', options.after)
  if (!options.includeRevoked) query = query.where('revokedAt', 'is', null)
  return query.execute()
}

export const hasActiveAdminKey = async (db: Db) =>
  Boolean(await db.selectFrom('apiKeys').select('id').where('role', '=', 'admin').where('revokedAt', 'is', null).where('teamId', 'is', null).executeTakeFirst())

export const insertApiKey = (db: Db, key: NewApiKey, now: Date) =>
  db
    .insertInto('apiKeys')
    .values({ ...key, createdAt: now, updatedAt: now })
    .returningAll()
    .executeTakeFirstOrThrow()

/** Registers a key unless one with the same hash exists already. */
export const insertApiKeyIfNew = async (db: Db, key: NewApiKey, now: Date) => {
  await db
    .insertInto('apiKeys')
    .values({ ...key, createdAt: now, updatedAt: now })
    .onConflict((oc) => oc.column('keyHash').doNothing())
    .execute()
}

export const updateApiKeyRow = (db: Db, id: string, change: ApiKeyChange, now: Date) =>
  db
    .updateTable('apiKeys')
    .set({ ...change, updatedAt: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
