import { sql } from 'kysely'
import { CALENDAR_STAMP } from '../db/calendar-stamp.js'
import { compiledOnce, compiledOnceByIds, type IdsOperand } from '../db/compiled-once.js'
import type { Db } from '../db/database.js'
import type { FamilyRow } from '../db/tables/family.table.js'
import { FINAL_STATUSES } from '../db/tables/service-request.table.js'
import { type ExternalRef, externalRefsColumn, resourceIdsWithRef } from '../external-refs/external-ref.repository.js'
import { clocksColumn, withClockRows } from '../sla-clocks/clock-json.js'
import type { FamilyListFilters } from './family.schemas.js'

type Stamps = 'createdAt' | 'updatedAt' | 'version'
type JsonFields = Pick<FamilyRow, 'members' | 'address' | 'leadProfessional'>
type NewFamily = Omit<FamilyRow, Stamps>
type FamilyChange = Partial<Omit<FamilyRow, 'id' | 'createdAt' | 'updatedAt' | 'createdByKeyId'>>

/** The JSON columns as stored: an absent address or lead professional is SQL NULL, not JSON null. */
const jsonColumns = (f: Partial<JsonFields>) => ({
  ...(f.members !== undefined ? { members: JSON.stringify(f.members) } : {}),
  ...(f.address !== undefined ? { address: f.address ? JSON.stringify(f.address) : null } : {}),
  ...(f.leadProfessional !== undefined ? { leadProfessional: f.leadProfessional ? JSON.stringify(f.leadProfessional) : null } : {}),
})

const familyById = compiledOnce(1, (db, id: string) => db.selectFrom('families').selectAll().where('id', '=', id))
export const findFamilyById = async (db: Db, id: string) => (await familyById(db, id))[0]

/** The references of these families, by id, in one query. */
export async function findFamilyReferences(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('families').select(['id', 'reference']).where('id', 'in', ids).execute()
  return new Map(rows.map((r) => [r.id, r.reference]))
}

export const lockFamilyById = (db: Db, id: string) => db.selectFrom('families').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

type PageOptions = Omit<FamilyListFilters, 'externalRef' | 'limit' | 'cursor' | 'asOf'> & {
  limit: number
  after: string | null
  onlyTeamId: string | null
  externalRef?: ExternalRef
}

/** A page of families ordered by id, with one row more than `limit` when there is a next page. */
export function findFamilyPage(db: Db, o: PageOptions) {
  let query = db
    .selectFrom('families')
    .selectAll('families')
    .orderBy('families.id')
    .limit(o.limit + 1)
  if (o.after) query = query.where('families.id', '>', o.after)
  if (o.onlyTeamId) query = query.where('families.teamId', '=', o.onlyTeamId)
  if (o.teamId) query = query.where('families.teamId', '=', o.teamId)
  if (o.tier) query = query.where('families.tier', '=', o.tier)
  if (o.plan) query = query.where('families.plan', '=', o.plan)
  if (o.reference) query = query.where('families.reference', '=', o.reference)
  if (o.externalRef) query = query.where('families.id', 'in', resourceIdsWithRef(db, 'family', o.externalRef))
  return query.execute()
}

const familyWithRefsInsert = compiledOnce(
  13,
  (
    db,
    id: string,
    teamId: string,
    reference: string,
    tier: number,
    plan: FamilyRow['plan'],
    members: string,
    address: string | null,
    leadProfessional: string | null,
    createdByKeyId: string | null,
    updatedByKeyId: string | null,
    now: Date,
    systems: string[],
    values: string[],
  ) =>
    db
      .with('refs', (q) =>
        q
          .insertInto('externalRefs')
          .columns(['resourceType', 'resourceId', 'system', 'value'])
          .expression(sql`select 'family', ${id}::uuid, * from unnest(${systems}::text[], ${values}::text[])`),
      )
      .insertInto('families')
      .values({ id, teamId, reference, tier, plan, members, address, leadProfessional, createdByKeyId, updatedByKeyId, createdAt: now, updatedAt: now })
      .returningAll(),
)

/** A new family and its references, in one statement (compiled once: its shape is the same for any number of references). */
export async function insertFamily(db: Db, f: NewFamily, refs: ExternalRef[], now: Date): Promise<FamilyRow> {
  const json = jsonColumns(f)
  const [row] = await familyWithRefsInsert(
    db,
    f.id,
    f.teamId,
    f.reference,
    f.tier,
    f.plan,
    JSON.stringify(f.members),
    json.address ?? null,
    json.leadProfessional ?? null,
    f.createdByKeyId,
    f.updatedByKeyId,
    now,
    refs.map((r) => r.system),
    refs.map((r) => r.value),
  )
  return row
}

export const updateFamilyRow = (db: Db, id: string, { members, address, leadProfessional, ...change }: FamilyChange, now: Date) =>
  db
    .updateTable('families')
    .set({ ...change, ...jsonColumns({ members, address, leadProfessional }), updatedAt: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()

/**
 * The clocks a family's SLA block shows (api.md): every open clock of the family, wherever it hangs, and
 * the stopped clocks of its requests that are not finished. The join reads only these families' requests.
 */
const blockClocks = (db: Db, familyIds: IdsOperand) =>
  db
    .selectFrom('slaClocks')
    .innerJoin('calendars', 'calendars.id', 'slaClocks.calendarId')
    .selectAll('slaClocks')
    .select(CALENDAR_STAMP)
    .leftJoin('serviceRequests', (join) =>
      join.onRef('serviceRequests.id', '=', 'slaClocks.serviceRequestId').on((eb) => eb('serviceRequests.familyId', '=', familyIds)),
    )
    .where((eb) => eb('slaClocks.familyId', '=', familyIds))
    .where((eb) =>
      eb.or([
        eb.and([eb('slaClocks.completedAt', 'is', null), eb('slaClocks.closedAt', 'is', null)]),
        eb.and([eb('serviceRequests.id', 'is not', null), eb('serviceRequests.status', 'not in', [...FINAL_STATUSES])]),
      ]),
    )
export const findFamilyBlockClocks = compiledOnceByIds(0, blockClocks)

const familyForRead = compiledOnce(1, (db, id: string) =>
  db
    .selectFrom('families')
    .selectAll('families')
    .select(externalRefsColumn(db, 'family', 'families.id'))
    .select(clocksColumn(blockClocks(db, sql<string>`${sql.ref('families.id')}`)))
    .where('families.id', '=', id),
)

/** The family's row, its references and its SLA block's clocks, in one statement; undefined if there is no such family. */
export const findFamilyForRead = async (db: Db, id: string) => withClockRows((await familyForRead(db, id))[0])
