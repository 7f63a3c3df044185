import { type RawBuilder, sql } from 'kysely'
import type { Db } from '../db/database.js'
import { anyStatusAt, BREACH_STATUSES, type BreachStatus } from './breach.predicates.js'
import type { BreachListFilters, BreachSummaryFilters } from './breach.schemas.js'

type Filters = Omit<BreachListFilters, 'status' | 'limit' | 'cursor' | 'asOf'>

function filtered(db: Db, filters: Filters, onlyTeamId: string | null) {
  let query = db.selectFrom('slaClocks')
  if (onlyTeamId) query = query.where('slaClocks.teamId', '=', onlyTeamId)
  if (filters.teamId) query = query.where('slaClocks.teamId', '=', filters.teamId)
  if (filters.standard) query = query.where('slaClocks.standardKey', '=', filters.standard)
  if (filters.practitionerId) query = query.where('slaClocks.practitionerId', '=', filters.practitionerId)
  if (filters.familyId) query = query.where('slaClocks.familyId', '=', filters.familyId)
  if (filters.dueFrom) query = query.where('slaClocks.dueDate', '>=', filters.dueFrom)
  if (filters.dueTo) query = query.where('slaClocks.dueDate', '<=', filters.dueTo)
  return query
}

export interface BreachCursor {
  dueAt: Date
  id: string
}

/** A page of breaching clocks as of `asOf`, ordered by due instant then id, with one row more than `limit` when there is a next page. */
export function findBreachPage(
  db: Db,
  o: {
    filters: Filters
    statuses: readonly BreachStatus[]
    asOf: Date
    current: boolean
    limit: number
    after: BreachCursor | null
    onlyTeamId: string | null
  },
) {
  let query = filtered(db, o.filters, o.onlyTeamId)
    .selectAll('slaClocks')
    .where((eb) => anyStatusAt(eb, o.statuses, o.asOf, o.current))
    .orderBy('slaClocks.dueAt')
    .orderBy('slaClocks.id')
    .limit(o.limit + 1)
  if (o.after) {
    const { dueAt, id } = o.after
    query = query.where((eb) => eb(eb.refTuple('slaClocks.dueAt', 'slaClocks.id'), '>', eb.tuple(dueAt, id)))
  }
  return query.execute()
}

const KEY = {
  standard: sql<string>`sla_clocks.standard_key`,
  team: sql<string>`sla_clocks.team_id::text`,
  practitioner: sql<string | null>`sla_clocks.practitioner_id::text`,
  month: sql<string>`to_char(sla_clocks.due_date, 'YYYY-MM')`,
}

/** Counts of overdue, due-soon, missed and met-late clocks as of `asOf`, grouped, in one aggregate query. */
export function summariseBreaches(
  db: Db,
  o: { filters: Omit<BreachSummaryFilters, 'groupBy' | 'asOf'>; groupBy: keyof typeof KEY; asOf: Date; current: boolean; onlyTeamId: string | null },
) {
  const key: RawBuilder<string | null> = KEY[o.groupBy]
  return filtered(db, o.filters, o.onlyTeamId)
    .select((eb) => [
      key.as('key'),
      eb.fn
        .countAll<number>()
        .filterWhere(anyStatusAt(eb, ['overdue'], o.asOf, o.current))
        .as('overdue'),
      eb.fn
        .countAll<number>()
        .filterWhere(anyStatusAt(eb, ['due_soon'], o.asOf, o.current))
        .as('dueSoon'),
      eb.fn
        .countAll<number>()
        .filterWhere(anyStatusAt(eb, ['missed'], o.asOf, o.current))
        .as('missed'),
      eb.fn
        .countAll<number>()
        .filterWhere(anyStatusAt(eb, ['met_late'], o.asOf, o.current))
        .as('metLate'),
    ])
    .where((eb) => anyStatusAt(eb, BREACH_STATUSES, o.asOf, o.current))
    .groupBy(key)
    .orderBy(key)
    .execute()
}

/** A breached clock's team and calendar, read before its locks are taken in the change's lock order. */
export const findClockPlacement = (db: Db, clockId: string) =>
  db.selectFrom('slaClocks').select(['teamId', 'calendarId']).where('id', '=', clockId).executeTakeFirstOrThrow()

/**
 * Open, unpaused clocks past their due instant at `now` whose standard names a breach action not yet
 * taken, in due order, `limit` at a time after `after`.
 */
export function findClocksDueForAction(db: Db, now: Date, after: BreachCursor | null, limit: number) {
  let query = db
    .selectFrom('slaClocks')
    .select(['id', 'onBreach', 'dueAt', 'scheduledAt', 'calendarId', 'serviceRequestId'])
    .where('onBreach', '<>', 'flag')
    .where('breachActionedAt', 'is', null)
    .where('completedAt', 'is', null)
    .where('closedAt', 'is', null)
    .where('pausedAt', 'is', null)
    .where('dueAt', '<', now)
    .orderBy('dueAt')
    .orderBy('id')
    .limit(limit)
  if (after) {
    const { dueAt, id } = after
    query = query.where((eb) => eb(eb.refTuple('dueAt', 'id'), '>', eb.tuple(dueAt, id)))
  }
  return query.execute()
}
