import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema.js'
import { anyStatusAt, type BreachStatus, statusAt } from './breach.predicates.js'
import type { BreachListFilters, BreachSummaryFilters } from './breach.schemas.js'
import { type DueRange, splitByMonth } from './summary-months.js'

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

const COUNTED_KEY = {
  standard: sql<string>`sla_verdict_counts.standard_key`,
  team: sql<string>`sla_verdict_counts.team_id::text`,
  practitioner: sql<string | null>`sla_verdict_counts.practitioner_id::text`,
  month: sql<string>`to_char(sla_verdict_counts.due_month, 'YYYY-MM')`,
}

type SummaryOptions = {
  filters: Omit<BreachSummaryFilters, 'groupBy' | 'asOf'>
  groupBy: keyof typeof KEY
  asOf: Date
  current: boolean
  onlyTeamId: string | null
}

const none = sql<number>`0`
const withDue = (filters: SummaryOptions['filters'], due: DueRange) => ({ ...filters, dueFrom: due.from ?? undefined, dueTo: due.to ?? undefined })

/** Open clocks overdue or due soon as of `asOf`, counted one by one: as many as are open, not as history. */
function openCounts(db: Db, o: SummaryOptions) {
  const key: RawBuilder<string | null> = KEY[o.groupBy]
  return filtered(db, o.filters, o.onlyTeamId)
    .select((eb) => [
      key.as('key'),
      eb.fn
        .countAll<number>()
        .filterWhere(statusAt(eb, 'overdue', o.asOf, o.current))
        .as('overdue'),
      eb.fn
        .countAll<number>()
        .filterWhere(statusAt(eb, 'due_soon', o.asOf, o.current))
        .as('dueSoon'),
      none.as('missed'),
      none.as('metLate'),
    ])
    .where((eb) => eb.and([openSummaryIndex(eb, o), anyStatusAt(eb, ['overdue', 'due_soon'], o.asOf, o.current)]))
    .groupBy(key)
}

/**
 * Conditions both statuses imply (a clock is due soon before it is due, and now only open clocks are),
 * stated apart so the planner reads the open clocks' summary index and nothing else.
 */
function openSummaryIndex(eb: ExpressionBuilder<Database, 'slaClocks'>, o: SummaryOptions) {
  const dueSoon = eb('slaClocks.dueSoonAt', '<=', o.asOf)
  if (!o.current) return dueSoon
  return eb.and([eb('slaClocks.completedAt', 'is', null), eb('slaClocks.closedAt', 'is', null), eb('slaClocks.pausedAt', 'is', null), dueSoon])
}

/** Clocks missed or met late as of `asOf` with a due date in `due`, counted one by one. */
function stoppedCounts(db: Db, o: SummaryOptions, due: DueRange) {
  const key: RawBuilder<string | null> = KEY[o.groupBy]
  return filtered(db, withDue(o.filters, due), o.onlyTeamId)
    .select((eb) => [
      key.as('key'),
      none.as('overdue'),
      none.as('dueSoon'),
      eb.fn
        .countAll<number>()
        .filterWhere(statusAt(eb, 'missed', o.asOf, o.current))
        .as('missed'),
      eb.fn
        .countAll<number>()
        .filterWhere(statusAt(eb, 'met_late', o.asOf, o.current))
        .as('metLate'),
    ])
    .where((eb) => anyStatusAt(eb, ['missed', 'met_late'], o.asOf, o.current))
    .groupBy(key)
}

/** Every clock missed or met late now with a due date in the whole months `due`, from the kept counts. */
function countedMonths(db: Db, o: SummaryOptions, due: DueRange) {
  const key: RawBuilder<string | null> = COUNTED_KEY[o.groupBy]
  let query = db.selectFrom('slaVerdictCounts')
  for (const teamId of [o.onlyTeamId, o.filters.teamId]) if (teamId) query = query.where('slaVerdictCounts.teamId', '=', teamId)
  if (o.filters.standard) query = query.where('slaVerdictCounts.standardKey', '=', o.filters.standard)
  if (o.filters.practitionerId) query = query.where('slaVerdictCounts.practitionerId', '=', o.filters.practitionerId)
  if (due.from) query = query.where('slaVerdictCounts.dueMonth', '>=', due.from)
  if (due.to) query = query.where('slaVerdictCounts.dueMonth', '<=', due.to)
  return query
    .select([
      key.as('key'),
      none.as('overdue'),
      none.as('dueSoon'),
      sql<number>`sum(sla_verdict_counts.missed)`.as('missed'),
      sql<number>`sum(sla_verdict_counts.met_late)`.as('metLate'),
    ])
    .groupBy(key)
}

/** Less the clocks of those months that stopped after `asOf`: they were not yet missed or late then. */
function stoppedSince(db: Db, o: SummaryOptions, due: DueRange) {
  const key: RawBuilder<string | null> = KEY[o.groupBy]
  return filtered(db, withDue(o.filters, due), o.onlyTeamId)
    .select([
      key.as('key'),
      none.as('overdue'),
      none.as('dueSoon'),
      sql<number>`-count(*) FILTER (WHERE sla_clocks.closed_at > sla_clocks.due_at)`.as('missed'),
      sql<number>`-count(*) FILTER (WHERE sla_clocks.completed_at > sla_clocks.due_at)`.as('metLate'),
    ])
    .where((eb) =>
      eb.or([
        eb.and([eb('slaClocks.completedAt', '>', eb.ref('slaClocks.dueAt')), eb('slaClocks.completedAt', '>', o.asOf)]),
        eb.and([eb('slaClocks.closedAt', '>', eb.ref('slaClocks.dueAt')), eb('slaClocks.closedAt', '>', o.asOf)]),
      ]),
    )
    .groupBy(key)
}

/**
 * Counts of overdue, due-soon, missed and met-late clocks as of `asOf`, grouped, in one statement. Open
 * clocks are counted one by one; missed and met-late ones from the kept monthly counts, so the time taken
 * does not grow with history (one family's clocks are few, and are counted one by one).
 */
export function summariseBreaches(db: Db, o: SummaryOptions) {
  const due = { from: o.filters.dueFrom ?? null, to: o.filters.dueTo ?? null }
  const split = o.filters.familyId ? { wholeMonths: null, days: [due] } : splitByMonth(due)
  let union = openCounts(db, o)
  for (const days of split.days) union = union.unionAll(stoppedCounts(db, o, days))
  if (split.wholeMonths) union = union.unionAll(countedMonths(db, o, split.wholeMonths)).unionAll(stoppedSince(db, o, split.wholeMonths))
  const total = (column: string) => sql<string>`sum(${sql.ref(`parts.${column}`)})`
  return db
    .selectFrom(union.as('parts'))
    .select(['parts.key', total('overdue').as('overdue'), total('dueSoon').as('dueSoon'), total('missed').as('missed'), total('metLate').as('metLate')])
    .groupBy('parts.key')
    .having(sql<boolean>`${total('overdue')} + ${total('dueSoon')} + ${total('missed')} + ${total('metLate')} > 0`)
    .orderBy('parts.key')
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
