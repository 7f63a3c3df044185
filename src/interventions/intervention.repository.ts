import type { Insertable, Updateable } from 'kysely'
import type { Db } from '../db/database.js'
import type { InterventionsTable } from '../db/tables/intervention.table.js'
import type { InterventionListFilters } from './intervention.schemas.js'

type NewIntervention = Omit<Insertable<InterventionsTable>, 'createdAt' | 'updatedAt'>
/** The columns a change to an intervention sets, besides its version and audit columns. */
export type InterventionChanges = Omit<Updateable<InterventionsTable>, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'createdByKeyId' | 'updatedByKeyId'>

export const findInterventionById = (db: Db, id: string) => db.selectFrom('interventions').selectAll().where('id', '=', id).executeTakeFirst()

export const lockInterventionById = (db: Db, id: string) => db.selectFrom('interventions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

/** The request's intervention still open (active or suspended), locked. */
export const lockOpenInterventionOfRequest = (db: Db, serviceRequestId: string) =>
  db.selectFrom('interventions').selectAll().where('serviceRequestId', '=', serviceRequestId).where('status', '!=', 'ended').forUpdate().executeTakeFirst()

export const findInterventionIdOfAllocation = (db: Db, allocationId: string) =>
  db.selectFrom('interventions').select('id').where('allocationId', '=', allocationId).executeTakeFirst()

export const insertIntervention = (db: Db, row: NewIntervention, now: Date) =>
  db
    .insertInto('interventions')
    .values({ ...row, createdAt: now, updatedAt: now })
    .returningAll()
    .executeTakeFirstOrThrow()

export const updateIntervention = (db: Db, id: string, changes: InterventionChanges & { version: number; updatedByKeyId: string | null }, now: Date) =>
  db
    .updateTable('interventions')
    .set({ ...changes, updatedAt: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()

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

/** The standards preset of the intervention's team, which holds the service's rules. */
export const findStandardsPresetOfTeam = (db: Db, teamId: string) =>
  db.selectFrom('teams').select('standardsPreset').where('id', '=', teamId).executeTakeFirstOrThrow()

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
