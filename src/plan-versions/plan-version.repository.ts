import type { Insertable } from 'kysely'
import type { Db } from '../db/database.js'
import type { PlanContent, PlanVersionsTable } from '../db/tables/plan.table.js'

const MULTI_AGENCY = 'multi_agency_action_plan'

export const actionsOfPlan = (db: Db, planId: string) => db.selectFrom('planActions').selectAll().where('planId', '=', planId).orderBy('id').execute()

export const insertPlanVersion = (db: Db, row: Omit<Insertable<PlanVersionsTable>, 'createdAt'>, now: Date) =>
  db
    .insertInto('planVersions')
    .values({ ...row, createdAt: now })
    .execute()

/** The latest multi-agency action plan of each request that has one. */
export const currentMultiAgencyPlansOf = (db: Db, serviceRequestIds: string[]) =>
  serviceRequestIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('plans')
        .distinctOn('serviceRequestId')
        .select(['serviceRequestId', 'content'])
        .where('kind', '=', MULTI_AGENCY)
        .where('serviceRequestId', 'in', serviceRequestIds)
        .orderBy('serviceRequestId')
        .orderBy('id', 'desc')
        .execute()

/** The request's latest multi-agency action plan, locked (after its case's lock), if it has one. */
export const lockCurrentMultiAgencyPlanOf = (db: Db, serviceRequestId: string) =>
  db
    .selectFrom('plans')
    .selectAll()
    .where('kind', '=', MULTI_AGENCY)
    .where('serviceRequestId', '=', serviceRequestId)
    .orderBy('id', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst()

export const updatePlanContent = (
  db: Db,
  id: string,
  changes: { content: PlanContent; currentVersion: number; version: number; updatedByKeyId: string | null },
  now: Date,
) =>
  db
    .updateTable('plans')
    .set({ ...changes, content: JSON.stringify(changes.content), updatedAt: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
