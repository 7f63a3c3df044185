import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import { decodeCursor, encodeCursor } from '../http/pagination.js'
import { errors, READ_ERRORS } from '../http/responses.js'
import { ref } from '../schema/helpers.js'
import { AuditEventPageSchema, AuditQuery } from './audit.schemas.js'

/** Routes whose responses are not a family's record, though they may name families. */
const NOT_RECORDS = /^\/(events|audit-events|webhooks|openapi|docs|health)/

/** The families a response shows: a family itself, or records that carry `familyId`; lists item by item. */
function familiesIn(url: string, payload: unknown): { familyId: string; teamId: string | null }[] {
  const isFamily = url.startsWith('/families')
  const one = (item: unknown) => {
    if (!item || typeof item !== 'object') return null
    const r = item as { id?: unknown; familyId?: unknown; teamId?: unknown }
    const familyId = isFamily ? r.id : r.familyId
    return typeof familyId === 'string' ? { familyId, teamId: typeof r.teamId === 'string' ? r.teamId : null } : null
  }
  const items =
    payload && typeof payload === 'object' && Array.isArray((payload as { items?: unknown }).items) ? (payload as { items: unknown[] }).items : [payload]
  const seen = new Map<string, { familyId: string; teamId: string | null }>()
  for (const found of items.map(one)) if (found && !seen.has(found.familyId)) seen.set(found.familyId, found)
  return [...seen.values()]
}

/**
 * Every successful read that shows a family's record (the family, or a record of its work) is logged
 * before the response goes out: who, which request, which route. The log is append-only.
 */
export function registerReadAudit(app: FastifyInstance, db: Db): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const url = request.routeOptions.url
    if (request.method !== 'GET' || !url || reply.statusCode !== 200 || NOT_RECORDS.test(url) || !request.caller || typeof payload !== 'string') return payload
    if (!String(reply.getHeader('content-type') ?? '').includes('json')) return payload
    let parsed: unknown
    try {
      parsed = JSON.parse(payload)
    } catch {
      return payload
    }
    const families = familiesIn(url, parsed)
    if (families.length === 0) return payload
    await db
      .insertInto('auditReads')
      .values(
        families.map((f) => ({
          familyId: f.familyId,
          teamId: f.teamId,
          apiKeyId: request.caller.keyId,
          actingUser: request.caller.actingUser,
          requestId: request.id,
          method: request.method,
          path: url,
          readAt: request.server.clock(),
        })) as never,
      )
      .execute()
    return payload
  })
}

const CURSOR = /^\d{1,20}_[cr]_\d{1,20}$/

export const auditRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/audit-events',
    {
      config: { access: ['manager'] },
      schema: {
        tags: ['Audit'],
        operationId: 'listAuditEvents',
        summary: 'The audit trail',
        description:
          'Every change (from the outbox) and every read of a family’s record, oldest first, with the API key, the acting user, the request id and what changed. Append-only. ' +
          'Filter by family, key and time. A team-limited manager sees its team’s entries only.',
        querystring: AuditQuery,
        response: { 200: ref(AuditEventPageSchema), ...errors(...READ_ERRORS) },
      },
    },
    async (request) => {
      const { limit = 50, cursor, familyId, apiKeyId, kind, from, to } = request.query
      const after = decodeCursor(cursor, CURSOR)
      const team = request.caller.teamId
      const where = (at: ReturnType<typeof sql.ref>, prefix: string) =>
        sql.join(
          [
            sql`true`,
            ...(familyId ? [sql`${sql.ref(`${prefix}.family_id`)} = ${familyId}`] : []),
            ...(apiKeyId ? [sql`${sql.ref(`${prefix}.api_key_id`)} = ${apiKeyId}`] : []),
            ...(team ? [sql`${sql.ref(`${prefix}.team_id`)} = ${team}`] : []),
            ...(from ? [sql`${at} >= ${new Date(from)}`] : []),
            ...(to ? [sql`${at} < ${new Date(to)}`] : []),
          ],
          sql` AND `,
        )
      const changes = sql`SELECT e.recorded_at AS at, 'c' AS src, e.id, 'change' AS kind, e.api_key_id, e.acting_user, e.request_id, e.family_id, e.team_id, e.type AS action, e.subject_type, e.subject_id, e.data AS changes
      FROM events e WHERE ${where(sql.ref('e.recorded_at'), 'e')}`
      const reads = sql`SELECT r.read_at AS at, 'r' AS src, r.id, 'read' AS kind, r.api_key_id, r.acting_user, r.request_id, r.family_id, r.team_id, r.method || ' ' || r.path AS action, 'family' AS subject_type, r.family_id::text AS subject_id, NULL::jsonb AS changes
      FROM audit_reads r WHERE ${where(sql.ref('r.read_at'), 'r')}`
      const union = kind === 'change' ? changes : kind === 'read' ? reads : sql`${changes} UNION ALL ${reads}`
      const [us, src, id] = after ? after.split('_') : []
      const afterClause = after ? sql`WHERE (at_us, src, id) > (${us}::bigint, ${src}, ${Number(id)}::bigint)` : sql``
      const { rows } = await sql<{
        at: Date
        atUs: string
        src: string
        id: number
        kind: 'change' | 'read'
        apiKeyId: string | null
        actingUser: string | null
        requestId: string | null
        familyId: string | null
        teamId: string | null
        action: string
        subjectType: string | null
        subjectId: string | null
        changes: Record<string, unknown> | null
      }>`
      SELECT * FROM (SELECT *, (extract(epoch FROM u.at) * 1000000)::bigint AS at_us FROM (${union}) AS u) AS a ${afterClause} ORDER BY at_us, src, id LIMIT ${limit + 1}`.execute(
        db,
      )
      const page = rows.slice(0, limit)
      const last = page[page.length - 1]
      return {
        items: page.map(({ src, id, atUs: _u, ...r }) => ({ ...r, id: `${src === 'c' ? 'change' : 'read'}-${id}` })),
        nextCursor: rows.length > limit ? encodeCursor(`${last.atUs}_${last.src}_${last.id}`) : null,
      }
    },
  )
}
