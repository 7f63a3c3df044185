import { sql, type Transaction } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import { compiledOnceByIds } from '../db/compiled-once.js'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema.js'
import { invalidField } from '../http/problems.js'

export interface ExternalRef {
  system: string
  value: string
}
export type ResourceType = 'family' | 'service_request'

/** `system|value`, as sent in `?externalRef=`. */
export function parseExternalRefFilter(filter: string): ExternalRef {
  const at = filter.indexOf('|')
  if (at < 1 || at === filter.length - 1) throw invalidField('externalRef', 'must be system|value, e.g. mosaic|123', 'query')
  return { system: filter.slice(0, at), value: filter.slice(at + 1) }
}

export function assertDistinct(refs: ExternalRef[]): void {
  const seen = new Set<string>()
  refs.forEach((ref, i) => {
    const key = `${ref.system}|${ref.value}`
    if (seen.has(key)) throw invalidField(`externalRefs[${i}]`, 'is listed twice')
    seen.add(key)
  })
}

/** The ids of the records of a kind that hold a reference: a subquery for `where id in (...)`. */
export const resourceIdsWithRef = (db: Db, resourceType: ResourceType, { system, value }: ExternalRef) =>
  db.selectFrom('externalRefs').select('resourceId').where('resourceType', '=', resourceType).where('system', '=', system).where('value', '=', value)

/** The order references are shown in: by system, then value, in code-unit order whatever the database's collation. */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
export const sortExternalRefs = (refs: ExternalRef[]): ExternalRef[] =>
  refs.map(({ system, value }) => ({ system, value })).sort((a, b) => byCodeUnits(a.system, b.system) || byCodeUnits(a.value, b.value))

/** A new record's references; a pair held by another record fails on the primary key (409). */
export async function insertExternalRefs(trx: Transaction<Database>, resourceType: ResourceType, resourceId: string, refs: ExternalRef[]) {
  if (refs.length === 0) return
  await trx
    .insertInto('externalRefs')
    .values(refs.map((r) => ({ resourceType, resourceId, system: r.system, value: r.value })))
    .execute()
}

/** Replaces a record's references; a pair held by another record fails on the primary key (409). */
export async function replaceExternalRefs(trx: Transaction<Database>, resourceType: ResourceType, resourceId: string, refs: ExternalRef[]) {
  await trx.deleteFrom('externalRefs').where('resourceType', '=', resourceType).where('resourceId', '=', resourceId).execute()
  await insertExternalRefs(trx, resourceType, resourceId, refs)
}

const refsOf = compiledOnceByIds(1, (db, ids, resourceType: ResourceType) =>
  db
    .selectFrom('externalRefs')
    .select(['resourceId', 'system', 'value'])
    .where('resourceType', '=', resourceType)
    .where((eb) => eb('resourceId', '=', ids)),
)

/**
 * A record's references as a column of the query that reads the record (a JSON array, unordered:
 * `sortExternalRefs` orders them), so that one round trip reads both.
 */
export const externalRefsColumn = (db: Db, resourceType: ResourceType, recordId: 'families.id' | 'serviceRequests.id') =>
  jsonArrayFrom(
    db.selectFrom('externalRefs').select(['system', 'value']).where('resourceType', '=', resourceType).where('resourceId', '=', sql.ref<string>(recordId)),
  ).as('externalRefs')

/** The references of many records in one query, keyed by record id. */
export async function externalRefsByResource(db: Db, resourceType: ResourceType, ids: string[]): Promise<Map<string, ExternalRef[]>> {
  const byId = new Map<string, ExternalRef[]>(ids.map((id) => [id, []]))
  if (ids.length === 0) return byId
  const rows = await refsOf(db, ids, resourceType)
  for (const row of rows) byId.get(row.resourceId)?.push({ system: row.system, value: row.value })
  for (const [id, refs] of byId) byId.set(id, sortExternalRefs(refs))
  return byId
}

/** The records of a kind holding any of `refs`: what a re-run of an import finds to skip. */
export async function findResourcesWithRefs(db: Db, resourceType: ResourceType, refs: ExternalRef[]): Promise<string[]> {
  if (refs.length === 0) return []
  const rows = await db
    .selectFrom('externalRefs')
    .select('resourceId')
    .distinct()
    .where('resourceType', '=', resourceType)
    .where((eb) => eb.or(refs.map(({ system, value }) => eb.and([eb('system', '=', system), eb('value', '=', value)]))))
    .execute()
  return rows.map((r) => r.resourceId)
}
