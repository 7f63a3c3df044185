import { sql } from 'kysely'
import type { Db } from '../db/database.js'

/** Asks the database for the smallest answer it can give; rejects when it cannot be reached. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`SELECT 1`.execute(db)
}
