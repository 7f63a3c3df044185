import type { Db } from '../db/database.js'

/**
 * A practitioner's active allocations as the allocated worker, oldest first, each with its family's
 * reference and its intervention if one is open (active or suspended).
 */
export const activeAllocationsOf = (db: Db, practitionerId: string) =>
  db
    .selectFrom('allocations')
    .innerJoin('families', 'families.id', 'allocations.familyId')
    .leftJoin('interventions', (join) => join.onRef('interventions.allocationId', '=', 'allocations.id').on('interventions.status', '<>', 'ended'))
    .select([
      'allocations.id as allocationId',
      'allocations.familyId',
      'allocations.serviceRequestId',
      'allocations.allocatedAt',
      'families.reference as familyReference',
      'interventions.id as interventionId',
      'interventions.status as interventionStatus',
      'interventions.startedAt',
    ])
    .where('allocations.practitionerId', '=', practitionerId)
    .where('allocations.status', '=', 'active')
    .orderBy('allocations.allocatedAt')
    .execute()

/** The last contact of each intervention up to `asOf`, by intervention id. */
export async function lastContactsOf(db: Db, interventionIds: string[], asOf: Date): Promise<Map<string, Date>> {
  if (interventionIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('interventionContacts')
    .select(['interventionId', (eb) => eb.fn.max('occurredAt').as('last')])
    .where('interventionId', 'in', interventionIds)
    .where('occurredAt', '<=', asOf)
    .groupBy('interventionId')
    .execute()
  return new Map(rows.map((r) => [r.interventionId, r.last]))
}
