import { sql } from 'kysely'
import type { Db } from '../db/database.js'

export interface FeedPosition {
  tx: string
  id: number
}

/** A position in the feed as an opaque string: the writing transaction, then the event id. */
export const encodePosition = (p: FeedPosition) => `${p.tx}-${p.id}`

const POSITION = /^(\d{1,20})-(\d{1,20})$/
export function decodePosition(value: string): FeedPosition | null {
  const match = POSITION.exec(value)
  return match ? { tx: match[1], id: Number(match[2]) } : null
}

export interface FeedFilters {
  types?: string[]
  familyId?: string
  teamId?: string
}

/**
 * Events after `after` in feed order, served only once stable: written by a transaction older than
 * every transaction still running (`pg_snapshot_xmin`), so no event can later commit at a position
 * before one already served. A long transaction delays the feed; it never makes it skip.
 */
export function feedEvents(db: Db, o: FeedFilters & { after: FeedPosition | null; limit: number; onlyTeamId: string | null }) {
  let query = db.selectFrom('events').selectAll().where(sql<boolean>`tx < pg_snapshot_xmin(pg_current_snapshot())`).orderBy('tx').orderBy('id').limit(o.limit)
  if (o.after) query = query.where(sql<boolean>`(tx, id) > (${o.after.tx}::xid8, ${o.after.id}::bigint)`)
  if (o.types?.length) query = query.where('type', 'in', o.types)
  if (o.familyId) query = query.where('familyId', '=', o.familyId)
  if (o.teamId) query = query.where('teamId', '=', o.teamId)
  if (o.onlyTeamId) query = query.where('teamId', '=', o.onlyTeamId)
  return query.execute()
}

/** The position of the newest stable event, where a new reader that wants only what follows starts. */
export async function feedHead(db: Db): Promise<FeedPosition> {
  const row = await db
    .selectFrom('events')
    .select(['tx', 'id'])
    .where(sql<boolean>`tx < pg_snapshot_xmin(pg_current_snapshot())`)
    .orderBy('tx', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row ? { tx: String(row.tx), id: row.id } : { tx: '0', id: 0 }
}
