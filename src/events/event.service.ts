import type { Caller } from '../context.js'
import type { Db } from '../db/database.js'
import { invalidField } from '../http/problems.js'
import type { FeedListFilters } from './event.schemas.js'
import { decodePosition, encodePosition, feedEvents } from './feed.repository.js'

type EventRow = Awaited<ReturnType<typeof feedEvents>>[number]

/** An event as the feed and webhooks show it: its position added, the API key left out. */
export const presentEvent = ({ tx, apiKeyId: _k, ...e }: EventRow) => ({ ...e, position: encodePosition({ tx: String(tx), id: e.id }) })

/** A page of the feed after a position (`cursor`, or `after`); a team-limited caller sees its team's events only. */
export async function readFeed(db: Db, caller: Caller, query: FeedListFilters) {
  const { limit = 50, cursor, after, type, familyId, teamId } = query
  const from = cursor ?? after
  const position = from === undefined ? null : decodePosition(from)
  if (from !== undefined && !position) throw invalidField(cursor ? 'cursor' : 'after', 'is not a position returned by this API', 'query')
  const rows = await feedEvents(db, { after: position, limit: limit + 1, types: type?.split(','), familyId, teamId, onlyTeamId: caller.teamId })
  const items = rows.slice(0, limit).map(presentEvent)
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].position : null }
}
