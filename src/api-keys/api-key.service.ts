import { v7 as uuidv7 } from 'uuid'
import type { ChangeContext, Role } from '../context.js'
import type { Db } from '../db/database.js'
import type { ApiKeyRow } from '../db/schema.js'
import { runInTransaction } from '../db/transaction.js'
import { recordEvents } from '../events/outbox.js'
import { hashKey, newKeySecret } from '../http/auth.js'
import { invalidReference, notFound } from '../http/problems.js'
import { assertVersion } from '../http/versioning.js'
import { usableTeam } from '../teams/team.service.js'
import { hasActiveAdminKey } from './api-key.repository.js'
import type { ApiKeyCreate } from './api-key.schemas.js'

const output = (row: ApiKeyRow) => {
  const { keyPrefix, keyHash: _hash, createdByKeyId: _c, updatedByKeyId: _u, ...rest } = row
  return { ...rest, prefix: keyPrefix }
}

export async function createApiKey(db: Db, ctx: ChangeContext, input: ApiKeyCreate) {
  if (input.teamId) await usableTeam(db, ctx.caller, input.teamId)
  const { secret, prefix } = newKeySecret()
  return runInTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('apiKeys')
      .values({
        id: uuidv7(),
        name: input.name,
        role: input.role,
        teamId: input.teamId ?? null,
        keyHash: hashKey(secret),
        keyPrefix: prefix,
        createdByKeyId: ctx.caller.keyId,
        updatedByKeyId: ctx.caller.keyId,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordEvents(trx, ctx, [
      { type: 'api-key.created', subjectType: 'api_key', subjectId: row.id, teamId: row.teamId, data: { name: row.name, role: row.role } },
    ])
    return { ...output(row), key: secret }
  })
}

export async function revokeApiKey(db: Db, ctx: ChangeContext, id: string, expectedVersion: number | null) {
  return runInTransaction(db, async (trx) => {
    const current = await trx.selectFrom('apiKeys').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
    if (!current) throw notFound(`API key ${id}`)
    assertVersion(current.version, expectedVersion)
    if (current.revokedAt) return output(current)
    const row = await trx
      .updateTable('apiKeys')
      .set({ revokedAt: ctx.now, version: current.version + 1, updatedAt: ctx.now, updatedByKeyId: ctx.caller.keyId })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordEvents(trx, ctx, [{ type: 'api-key.revoked', subjectType: 'api_key', subjectId: id, teamId: row.teamId }])
    return output(row)
  })
}

/**
 * The first admin key. With `ADMIN_API_KEY` set, that secret is registered (once); otherwise, when no
 * admin key exists yet, a new one is generated and returned so the server can print it once.
 */
export async function ensureBootstrapAdminKey(db: Db, configured: string | undefined): Promise<string | null> {
  if (configured) {
    await db
      .insertInto('apiKeys')
      .values({
        id: uuidv7(),
        name: 'Bootstrap admin (ADMIN_API_KEY)',
        role: 'admin' as Role,
        teamId: null,
        keyHash: hashKey(configured),
        keyPrefix: configured.slice(0, 10),
      })
      .onConflict((oc) => oc.column('keyHash').doNothing())
      .execute()
    return null
  }
  if (await hasActiveAdminKey(db)) return null
  const { secret, prefix } = newKeySecret()
  await db
    .insertInto('apiKeys')
    .values({ id: uuidv7(), name: 'Bootstrap admin (generated)', role: 'admin', teamId: null, keyHash: hashKey(secret), keyPrefix: prefix })
    .execute()
  return secret
}
