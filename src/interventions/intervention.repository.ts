import type { Db } from '../db/database.js'
import type { InterventionListFilters } from './intervention.schemas.js'

export const findInterventionById = (db: Db, id: string) => db.selectFrom('interventions').selectAll().where('id', '=', id).executeTakeFirst()

export const lockInterventionById = (db: Db, id: string) => db.selectFrom('interventions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

export function listInterventions(db: Db, o: InterventionListFilters & { limit: number; after: string | null; onlyTeamId: string | null }) {
  let query = db
    .selectFrom('interventions')
    .selectAll()
    .orderBy('id')
    .limit(o.limit + 1)
  if (o.after) query = query.where('id', '>', o.after)
  if (o.onlyTeamId) query = query.where('teamId', '=', o.onlyTeamId)
  if (o.teamId) query = query.where('teamId', '=', o.teamId)
  if (o.practitionerId) query = query.where('practitionerId', '=', o.practitionerId)
  if (o.familyId) query = query.where('familyId', '=', o.familyId)
  if (o.allocationId) query = query.where('allocationId', '=', o.allocationId)
  if (o.status) query = query.where('status', '=', o.status)
  return query.execute()
}

/** The measures selected for a page of interventions, in one query. */
export const selectedMeasuresOf = (db: Db, interventionIds: string[]) =>
  interventionIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('interventionOutcomeMeasures')
        .selectAll()
        .where('interventionId', 'in', interventionIds)
        .orderBy('selectedAt')
        .orderBy('measureId')
        .execute()

export function listContacts(db: Db, interventionId: string, o: { limit: number; after: string | null }) {
  let query = db
    .selectFrom('interventionContacts')
    .selectAll()
    .where('interventionId', '=', interventionId)
    .orderBy('id')
    .limit(o.limit + 1)
  if (o.after) query = query.where('id', '>', o.after)
  return query.execute()
}

export const listScores = (db: Db, interventionId: string) =>
  db.selectFrom('outcomeScores').selectAll().where('interventionId', '=', interventionId).orderBy('measureId').orderBy('phase').orderBy('perspective').execute()

/** The due date of the intervention's clock of the preset's duration standard (moved by any suspension), if it has one. */
export const durationStandardDue = async (db: Db, interventionId: string, standardKey: string): Promise<string | null> =>
  (
    await db
      .selectFrom('slaClocks')
      .select('dueDate')
      .where('subjectId', '=', interventionId)
      .where('standardKey', '=', standardKey)
      .orderBy('startedAt', 'desc')
      .executeTakeFirst()
  )?.dueDate ?? null
