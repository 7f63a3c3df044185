import type { Db } from '../db/database.js'

/** The API key whose secret hashes to `keyHash`, unless it has been revoked. */
export const findActiveKeyByHash = (db: Db, keyHash: string) =>
  db.selectFrom('apiKeys').select(['id', 'role', 'teamId']).where('keyHash', '=', keyHash).where('revokedAt', 'is', null).executeTakeFirst()
