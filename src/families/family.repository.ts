import type { Db } from '../db/database.js'
import { FINAL_STATUSES } from '../db/tables/service-request.table.js'
import { type ExternalRef, resourceIdsWithRef } from '../external-refs/external-ref.repository.js'
import type { FamilyListFilters } from './family.schemas.js'

export const findFamilyById = (db: Db, id: string) => db.selectFrom('families').selectAll().where('id', '=', id).executeTakeFirst()

export const lockFamilyById = (db: Db, id: string) => db.selectFrom('families').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

type ListOptions = Omit<FamilyListFilters, 'externalRef'> & { limit: number; after: string | null; onlyTeamId: string | null; externalRef?: ExternalRef }

export function listFamilies(db: Db, options: ListOptions) {
  let query = db
    .selectFrom('families')
    .selectAll('families')
    .orderBy('families.id')
    .limit(options.limit + 1)
  if (options.after) query = query.where('families.id', '>', options.after)
  if (options.onlyTeamId) query = query.where('families.teamId', '=', options.onlyTeamId)
  if (options.teamId) query = query.where('families.teamId', '=', options.teamId)
  if (options.tier) query = query.where('families.tier', '=', options.tier)
  if (options.plan) query = query.where('families.plan', '=', options.plan)
  if (options.reference) query = query.where('families.reference', '=', options.reference)
  if (options.externalRef) query = query.where('families.id', 'in', resourceIdsWithRef(db, 'family', options.externalRef))
  return query.execute()
}

/**
 * The clocks a family's SLA block shows (api.md): every open clock of the family, wherever it hangs, and
 * the stopped clocks of its requests that are not finished. The join reads only these families' requests.
 */
export const familyBlockClocks = (db: Db, familyIds: string[]) =>
  familyIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('slaClocks')
        .selectAll('slaClocks')
        .leftJoin('serviceRequests', (join) =>
          join.onRef('serviceRequests.id', '=', 'slaClocks.serviceRequestId').on('serviceRequests.familyId', 'in', familyIds),
        )
        .where('slaClocks.familyId', 'in', familyIds)
        .where((eb) =>
          eb.or([
            eb.and([eb('slaClocks.completedAt', 'is', null), eb('slaClocks.closedAt', 'is', null)]),
            eb.and([eb('serviceRequests.id', 'is not', null), eb('serviceRequests.status', 'not in', [...FINAL_STATUSES])]),
          ]),
        )
        .execute()
