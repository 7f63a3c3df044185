import { type Kysely, sql } from 'kysely'

/**
 * A queued import keeps its file only while a worker still needs it: the cases it carries live on in the
 * records it wrote, and a file sent again skips what is there. Files of imports already finished are
 * cleared here; from now on the change that finishes an import clears its file.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE imports ALTER COLUMN body DROP NOT NULL;
    UPDATE imports SET body = NULL WHERE status IN ('completed', 'failed');
    ALTER TABLE imports ADD CONSTRAINT imports_file_kept_until_done
      CHECK ((body IS NULL) = (status IN ('completed', 'failed')));
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
