import { type Kysely, sql } from 'kysely'

/**
 * An Idempotency-Key is now claimed in the same transaction as the change it guards, so a key exists
 * exactly when its change committed. `change_tx` is that transaction: should the process stop between
 * the commit and storing the response, a retry is told which records the change made (its events).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE idempotency_keys ADD COLUMN change_tx xid8`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
