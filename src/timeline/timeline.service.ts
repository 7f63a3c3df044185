import type { Caller } from '../context.js'
import type { Db } from '../db/database.js'
import { visibleFamily } from '../families/family.service.js'
import { invalidField } from '../http/problems.js'
import { familyEvents, type TimelineAfter } from './timeline.repository.js'
import type { TimelineFilters } from './timeline.schemas.js'

const encode = (after: TimelineAfter) => Buffer.from(JSON.stringify({ at: after.occurredAt.toISOString(), id: after.id })).toString('base64url')

function decode(cursor: string | undefined): TimelineAfter | null {
  if (cursor === undefined) return null
  try {
    const { at, id } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { at?: unknown; id?: unknown }
    const occurredAt = typeof at === 'string' ? new Date(at) : null
    if (occurredAt && !Number.isNaN(occurredAt.getTime()) && Number.isSafeInteger(id)) return { occurredAt, id: id as number }
  } catch {}
  throw invalidField('cursor', 'is not a cursor this list gave', 'querystring')
}

/**
 * A family's story: every event of its work (requests, decisions, allocations, visits, consents, plans,
 * contacts, reviews, escalations, clock verdicts) in the order it happened, a page at a time.
 */
export async function familyTimeline(db: Db, caller: Caller, familyId: string, query: TimelineFilters) {
  const family = await visibleFamily(db, caller, familyId)
  const limit = query.limit ?? 50
  const rows = await familyEvents(db, { familyId: family.id, kind: query.kind ?? null, after: decode(query.cursor), limit })
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    familyId: family.id,
    teamId: family.teamId,
    items: page.map((e) => ({
      eventId: String(e.id),
      type: e.type,
      kind: e.type.slice(0, e.type.indexOf('.')),
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      serviceRequestId: e.serviceRequestId,
      occurredAt: e.occurredAt,
      recordedAt: e.recordedAt,
      data: e.data ?? {},
    })),
    nextCursor: rows.length > limit && last ? encode({ occurredAt: last.occurredAt, id: Number(last.id) }) : null,
  }
}
