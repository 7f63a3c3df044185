import type { Insertable, Updateable } from 'kysely'
import type { Db } from '../db/database.js'
import type { InterventionContactsTable } from '../db/tables/intervention.table.js'

type NewContact = Omit<Insertable<InterventionContactsTable>, 'createdAt' | 'updatedAt'>

export const findContact = (db: Db, interventionId: string, contactId: string) =>
  db.selectFrom('interventionContacts').selectAll().where('id', '=', contactId).where('interventionId', '=', interventionId).executeTakeFirst()

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

export const insertContact = (db: Db, row: NewContact, now: Date) =>
  db
    .insertInto('interventionContacts')
    .values({ ...row, createdAt: now, updatedAt: now })
    .returningAll()
    .executeTakeFirstOrThrow()

type ContactChange = Omit<Updateable<InterventionContactsTable>, 'id' | 'interventionId' | 'familyId' | 'teamId' | 'createdAt' | 'version'>

/** Locks one contact of an intervention for a change; the caller holds its case's lock. */
export const lockContact = (db: Db, interventionId: string, contactId: string) =>
  db.selectFrom('interventionContacts').selectAll().where('id', '=', contactId).where('interventionId', '=', interventionId).forUpdate().executeTakeFirst()

/** Updates a contact as its next version. */
export const updateContact = (db: Db, id: string, version: number, change: ContactChange, now: Date) =>
  db
    .updateTable('interventionContacts')
    .set({ ...change, version: version + 1, updatedAt: now })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirstOrThrow()
