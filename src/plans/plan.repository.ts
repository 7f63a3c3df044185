import type { Insertable, Updateable } from 'kysely'
import type { Db } from '../db/database.js'
import type { PlanActionsTable, PlansTable } from '../db/tables/plan.table.js'
import type { PlanListFilters } from './plan.schemas.js'

type PlanChanges = Omit<Updateable<PlansTable>, 'id' | 'createdAt' | 'updatedAt' | 'createdByKeyId'>

export const findPlanById = (db: Db, id: string) => db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst()
export const lockPlanById = (db: Db, id: string) => db.selectFrom('plans').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

export const insertPlan = (db: Db, row: Omit<Insertable<PlansTable>, 'createdAt' | 'updatedAt'>, now: Date) =>
  db
    .insertInto('plans')
    .values({ ...row, createdAt: now, updatedAt: now })
    .returningAll()
    .executeTakeFirstOrThrow()

export const updatePlan = (db: Db, id: string, changes: PlanChanges, now: Date) =>
  db
    .updateTable('plans')
    .set({ ...changes, updatedAt: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()

export const insertPlanActions = (db: Db, rows: Omit<Insertable<PlanActionsTable>, 'createdAt'>[], now: Date) =>
  rows.length === 0
    ? Promise.resolve([])
    : db
        .insertInto('planActions')
        .values(rows.map((r) => ({ ...r, createdAt: now })))
        .returningAll()
        .execute()

export const actionsOfPlans = (db: Db, planIds: string[]) =>
  planIds.length === 0 ? Promise.resolve([]) : db.selectFrom('planActions').selectAll().where('planId', 'in', planIds).orderBy('id').execute()

export const markActionDone = (db: Db, id: string, doneAt: Date) =>
  db.updateTable('planActions').set({ doneAt }).where('id', '=', id).returningAll().executeTakeFirstOrThrow()

export const versionsOfPlan = (db: Db, planId: string) => db.selectFrom('planVersions').selectAll().where('planId', '=', planId).orderBy('number').execute()

export const findPlanVersion = (db: Db, planId: string, number: number) =>
  db.selectFrom('planVersions').selectAll().where('planId', '=', planId).where('number', '=', number).executeTakeFirst()

export function listPlans(db: Db, o: PlanListFilters & { limit: number; after: string | null; onlyTeamId: string | null }) {
  let query = db
    .selectFrom('plans')
    .selectAll()
    .orderBy('id')
    .limit(o.limit + 1)
  if (o.after) query = query.where('id', '>', o.after)
  if (o.onlyTeamId) query = query.where('teamId', '=', o.onlyTeamId)
  if (o.familyId) query = query.where('familyId', '=', o.familyId)
  if (o.serviceRequestId) query = query.where('serviceRequestId', '=', o.serviceRequestId)
  if (o.kind) query = query.where('kind', '=', o.kind)
  return query.execute()
}
