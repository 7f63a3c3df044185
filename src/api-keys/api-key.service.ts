import { v7 as uuidv7 } from 'uuid'
import type { ChangeContext } from '../context.js'
import type { Db } from '../db/database.js'
import type { ApiKeyRow } from '../db/schema.js'
import { runInTransaction } from '../db/transaction.js'
import { recordEvents } from '../events/outbox.js'
import { hashKey, newKeySecret } from '../http/auth.js'
import { decodeCursor, toPage } from '../http/pagination.js'
import { notFound, ProblemError } from '../http/problems.js'
import { assertVersion, type VersionCondition } from '../http/versioning.js'
import { usableTeam } from '../teams/team.service.js'
import { findApiKeyById, findApiKeyPage, hasActiveAdminKey, insertApiKey, insertApiKeyIfNew, lockApiKeyById, updateApiKeyRow } from './api-key.repository.js'
import type { ApiKeyCreate, ApiKeyListFilters } from './api-key.schemas.js'

const output = (row: ApiKeyRow) => {
  const { keyPrefix, keyHash: _hash, createdByKeyId: _c, updatedByKeyId: _u, ...rest } = row
  return { ...rest, prefix: keyPrefix }
}

export async function getApiKey(db: Db, id: string) {
  const key = await findApiKeyById(db, id)
  if (!key) throw notFound(`API key ${id}`)
  return key
}

export async function listApiKeys(db: Db, query: ApiKeyListFilters) {
  const { limit = 50, cursor, includeRevoked = false } = query
  return toPage(await findApiKeyPage(db, { limit, after: decodeCursor(cursor), includeRevoked }), limit)
}

/** Admin keys are never team-scoped: an admin administers the whole service (migration 0009 keeps it so). */
function assertScopeFitsRole(input: ApiKeyCreate): void {
  if (input.role === 'admin' && input.teamId) {
    throw new ProblemError('unprocessable', 'teamId: an admin key is never team-scoped; leave teamId out, or give the key another role', [
      { in: 'body', field: 'teamId', message: 'an admin key is never team-scoped' },
    ])
  }
}

export async function createApiKey(db: Db, ctx: ChangeContext, input: ApiKeyCreate) {
  assertScopeFitsRole(input)
  if (input.teamId) await usableTeam(db, ctx.caller, input.teamId)
  const { secret, prefix } = newKeySecret()
  return runInTransaction(db, async (trx) => {
    const row = await insertApiKey(
      trx,
      {
        id: uuidv7(),
        name: input.name,
        role: input.role,
        teamId: input.teamId ?? null,
        keyHash: hashKey(secret),
        keyPrefix: prefix,
        createdByKeyId: ctx.caller.keyId,
        updatedByKeyId: ctx.caller.keyId,
      },
      ctx.now,
    )
    await recordEvents(trx, ctx, [
      { type: 'api-key.created', subjectType: 'api_key', subjectId: row.id, teamId: row.teamId, data: { name: row.name, role: row.role } },
    ])
    return { ...output(row), key: secret }
  })
}

export async function revokeApiKey(db: Db, ctx: ChangeContext, id: string, expectedVersion: VersionCondition) {
  return runInTransaction(db, async (trx) => {
    const current = await lockApiKeyById(trx, id)
    if (!current) throw notFound(`API key ${id}`)
    assertVersion(current.version, expectedVersion)
    if (current.revokedAt) return output(current)
    const row = await updateApiKeyRow(trx, id, { revokedAt: ctx.now, version: current.version + 1, updatedByKeyId: ctx.caller.keyId }, ctx.now)
    await recordEvents(trx, ctx, [{ type: 'api-key.revoked', subjectType: 'api_key', subjectId: id, teamId: row.teamId }])
    return output(row)
  })
}

/**
 * The first admin key. With `ADMIN_API_KEY` set, that secret is registered (once); otherwise, when no
 * admin key exists yet, a new one is generated and returned so the server can print it once. It runs at
 * start, before any request, so `now` is the process's clock unless the caller passes one.
 */
export async function ensureBootstrapAdminKey(db: Db, configured: string | undefined, now = new Date()): Promise<string | null> {
  if (configured) {
    await insertApiKeyIfNew(
      db,
      { id: uuidv7(), name: 'Bootstrap admin (ADMIN_API_KEY)', role: 'admin', teamId: null, keyHash: hashKey(configured), keyPrefix: configured.slice(0, 10) },
      now,
    )
    return null
  }
  if (await hasActiveAdminKey(db)) return null
  const { secret, prefix } = newKeySecret()
  await insertApiKey(db, { id: uuidv7(), name: 'Bootstrap admin (generated)', role: 'admin', teamId: null, keyHash: hashKey(secret), keyPrefix: prefix }, now)
  return secret
}
