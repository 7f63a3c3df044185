import type { Insertable, Updateable } from 'kysely'
import type { Db } from '../db/database.js'
import type { AssessmentsTable } from '../db/tables/assessment.table.js'
import type { AssessmentListFilters } from './assessment.schemas.js'

export const findAssessmentById = (db: Db, id: string) => db.selectFrom('assessments').selectAll().where('id', '=', id).executeTakeFirst()
export const lockAssessmentById = (db: Db, id: string) => db.selectFrom('assessments').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

export const insertAssessment = (db: Db, row: Omit<Insertable<AssessmentsTable>, 'createdAt' | 'updatedAt'>, now: Date) =>
  db
    .insertInto('assessments')
    .values({ ...row, createdAt: now, updatedAt: now })
    .returningAll()
    .executeTakeFirstOrThrow()

export const updateAssessment = (db: Db, id: string, changes: Omit<Updateable<AssessmentsTable>, 'id' | 'createdAt' | 'updatedAt'>, now: Date) =>
  db
    .updateTable('assessments')
    .set({ ...changes, updatedAt: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()

export function listAssessments(db: Db, o: AssessmentListFilters & { limit: number; after: string | null; onlyTeamId: string | null }) {
  let query = db
    .selectFrom('assessments')
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
