import type { Insertable, Updateable } from 'kysely'
import type { Db } from '../db/database.js'
import type { ConsultationsTable } from '../db/tables/consultation.table.js'
import type { ConsultationListFilters } from './consultation.schemas.js'

type NewConsultation = Omit<Insertable<ConsultationsTable>, 'createdAt' | 'updatedAt'>
type ConsultationChanges = Omit<Updateable<ConsultationsTable>, 'id' | 'createdAt' | 'updatedAt' | 'createdByKeyId'>

export const findConsultationById = (db: Db, id: string) => db.selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirst()

export const lockConsultationById = (db: Db, id: string) => db.selectFrom('consultations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()

export const insertConsultation = (db: Db, row: NewConsultation, now: Date) =>
  db
    .insertInto('consultations')
    .values({ ...row, createdAt: now, updatedAt: now })
    .returningAll()
    .executeTakeFirstOrThrow()

export const updateConsultation = (db: Db, id: string, changes: ConsultationChanges, now: Date) =>
  db
    .updateTable('consultations')
    .set({ ...changes, updatedAt: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()

export function listConsultations(db: Db, o: ConsultationListFilters & { limit: number; after: string | null; onlyTeamId: string | null }) {
  let query = db
    .selectFrom('consultations')
    .selectAll()
    .orderBy('id')
    .limit(o.limit + 1)
  if (o.after) query = query.where('id', '>', o.after)
  if (o.onlyTeamId) query = query.where('teamId', '=', o.onlyTeamId)
  if (o.teamId) query = query.where('teamId', '=', o.teamId)
  if (o.familyId) query = query.where('familyId', '=', o.familyId)
  if (o.practitionerId) query = query.where('practitionerId', '=', o.practitionerId)
  if (o.status) query = query.where('status', '=', o.status)
  return query.execute()
}
