import type { Insertable } from 'kysely'
import type { Db } from '../db/database.js'
import type { EventsTable } from '../db/schema.js'

export type EventInsert = Insertable<EventsTable>

/** Appends events to the outbox; each row takes its transaction's id (column `tx`) from its default. */
export async function insertEvents(db: Db, rows: EventInsert[]): Promise<void> {
  if (rows.length === 0) return
  await db.insertInto('events').values(rows).execute()
}
