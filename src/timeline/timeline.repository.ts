import { sql } from 'kysely'
import type { Db } from '../db/database.js'

export interface TimelineAfter {
  occurredAt: Date
  id: number
}

/** The family's events in the order they happened (then as recorded), after the cursor, of one kind if asked. */
export function familyEvents(db: Db, o: { familyId: string; kind: string | null; after: TimelineAfter | null; limit: number }) {
  let query = db
    .selectFrom('events')
    .select(['id', 'type', 'subjectType', 'subjectId', 'occurredAt', 'recordedAt', 'serviceRequestId', 'data'])
    .where('familyId', '=', o.familyId)
    .orderBy('occurredAt')
    .orderBy('id')
    .limit(o.limit + 1)
  if (o.kind) query = query.where('type', 'like', `${o.kind}.%`)
  const after = o.after
  if (after) query = query.where(sql<boolean>`(occurred_at, id) > (${after.occurredAt}, ${after.id})`)
  return query.execute()
}
