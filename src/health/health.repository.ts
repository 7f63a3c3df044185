import { sql } from 'kysely'
import type { Db } from '../db/database.js'

/** Whether the database answers the smallest question it can be asked. */
export async function databaseAnswers(db: Db): Promise<boolean> {
  try {
    await sql`SELECT 1`.execute(db)
    return true
  } catch {
    return false
  }
}
