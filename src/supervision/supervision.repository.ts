import type { Insertable } from 'kysely'
import type { Db } from '../db/database.js'
import type { SupervisionRecordsTable } from '../db/tables/supervision.table.js'

type NewSupervisionRecord = Omit<Insertable<SupervisionRecordsTable>, 'createdAt'>

export const insertSupervisionRecord = (db: Db, record: NewSupervisionRecord, now: Date) =>
  db
    .insertInto('supervisionRecords')
    .values({ ...record, createdAt: now })
    .returningAll()
    .executeTakeFirstOrThrow()

/** The practitioner's supervision records held by `asOf`, latest first. */
export const findSupervisionRecords = (db: Db, practitionerId: string, asOf: Date) =>
  db
    .selectFrom('supervisionRecords')
    .selectAll()
    .where('practitionerId', '=', practitionerId)
    .where('heldAt', '<=', asOf)
    .orderBy('heldAt', 'desc')
    .orderBy('id', 'desc')
    .execute()

/** The clocks that hang on the practitioner themselves, started by `asOf`, latest first. */
export const findPractitionerClocks = (db: Db, practitionerId: string, asOf: Date) =>
  db
    .selectFrom('slaClocks')
    .selectAll()
    .where('subjectType', '=', 'practitioner')
    .where('subjectId', '=', practitionerId)
    .where('startedAt', '<=', asOf)
    .orderBy('startedAt', 'desc')
    .orderBy('id', 'desc')
    .execute()
