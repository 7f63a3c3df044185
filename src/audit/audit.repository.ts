import { type Insertable, type RawBuilder, sql } from 'kysely'
import { compiledOnce } from '../db/compiled-once.js'
import type { Db } from '../db/database.js'
import type { AuditReadsTable } from '../db/tables/audit.table.js'
import type { AuditFilters } from './audit.schemas.js'

/** Where a page of the audit trail ends: the entry's instant in microseconds, its source (c: change, r: read) and id. */
export interface AuditPosition {
  atUs: string
  src: string
  id: number
}

export interface AuditEntryRow {
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
}

type EntryFilters = Omit<AuditFilters, 'limit' | 'cursor'> & { teamId: string | null; after: AuditPosition | null; limit: number }

export type AuditRead = Insertable<AuditReadsTable> & { readAt: Date }

const READ_COLUMNS = ['familyId', 'teamId', 'apiKeyId', 'actingUser', 'requestId', 'method', 'path', 'readAt'] as const

/** One statement for any number of reads: a column of values per parameter, so it is compiled once. */
const insertReadColumns = compiledOnce(
  8,
  (
    db,
    familyIds: string[],
    teamIds: (string | null)[],
    keyIds: (string | null)[],
    users: (string | null)[],
    requestIds: (string | null)[],
    methods: string[],
    paths: string[],
    readAts: Date[],
  ) =>
    db
      .insertInto('auditReads')
      .columns([...READ_COLUMNS])
      .expression(
        sql`select * from unnest(${familyIds}::uuid[], ${teamIds}::uuid[], ${keyIds}::uuid[], ${users}::text[], ${requestIds}::text[], ${methods}::text[], ${paths}::text[], ${readAts}::timestamptz[])`,
      ),
)

/** Appends reads of families' records to the read log (append-only: a trigger refuses changes), in order. */
export async function insertAuditReads(db: Db, reads: AuditRead[]): Promise<void> {
  if (reads.length === 0) return
  const column = <T>(value: (read: AuditRead) => T) => reads.map(value)
  await insertReadColumns(
    db,
    column((r) => r.familyId),
    column((r) => r.teamId ?? null),
    column((r) => r.apiKeyId ?? null),
    column((r) => r.actingUser ?? null),
    column((r) => r.requestId ?? null),
    column((r) => r.method),
    column((r) => r.path),
    column((r) => r.readAt),
  )
}

/**
 * The audit trail: changes from the outbox and reads from the read log, merged in one order (instant,
 * source, id), `limit` rows after `after`. The instant is compared in microseconds, the precision stored.
 */
export async function findAuditEntries(db: Db, o: EntryFilters): Promise<AuditEntryRow[]> {
  const { familyId, apiKeyId, teamId, from, to } = o
  const where = (at: RawBuilder<unknown>, prefix: string) =>
    sql.join(
      [
        sql`true`,
        ...(familyId ? [sql`${sql.ref(`${prefix}.family_id`)} = ${familyId}`] : []),
        ...(apiKeyId ? [sql`${sql.ref(`${prefix}.api_key_id`)} = ${apiKeyId}`] : []),
        ...(teamId ? [sql`${sql.ref(`${prefix}.team_id`)} = ${teamId}`] : []),
        ...(from ? [sql`${at} >= ${new Date(from)}`] : []),
        ...(to ? [sql`${at} < ${new Date(to)}`] : []),
      ],
      sql` AND `,
    )
  const changes = sql`SELECT e.recorded_at AS at, 'c' AS src, e.id, 'change' AS kind, e.api_key_id, e.acting_user, e.request_id,
        e.family_id, e.team_id, e.type AS action, e.subject_type, e.subject_id, e.data AS changes
      FROM events e WHERE ${where(sql.ref('e.recorded_at'), 'e')}`
  const reads = sql`SELECT r.read_at AS at, 'r' AS src, r.id, 'read' AS kind, r.api_key_id, r.acting_user, r.request_id,
        r.family_id, r.team_id, r.method || ' ' || r.path AS action, 'family' AS subject_type, r.family_id::text AS subject_id, NULL::jsonb AS changes
      FROM audit_reads r WHERE ${where(sql.ref('r.read_at'), 'r')}`
  const union = o.kind === 'change' ? changes : o.kind === 'read' ? reads : sql`${changes} UNION ALL ${reads}`
  const after = o.after ? sql`WHERE (at_us, src, id) > (${o.after.atUs}::bigint, ${o.after.src}, ${o.after.id}::bigint)` : sql``
  const { rows } = await sql<AuditEntryRow>`
      SELECT * FROM (SELECT *, (extract(epoch FROM u.at) * 1000000)::bigint AS at_us FROM (${union}) AS u) AS a
      ${after} ORDER BY at_us, src, id LIMIT ${o.limit}`.execute(db)
  return rows
}
