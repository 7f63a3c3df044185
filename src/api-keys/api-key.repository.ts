import type { Db } from '../db/database.js'

const columns = ['id', 'name', 'role', 'teamId', 'keyPrefix as prefix', 'revokedAt', 'createdAt', 'updatedAt', 'version'] as const

export const findApiKeyById = (db: Db, id: string) => db.selectFrom('apiKeys').select(columns).where('id', '=', id).executeTakeFirst()

export function listApiKeys(db: Db, options: { limit: number; after: string | null; includeRevoked: boolean }) {
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
