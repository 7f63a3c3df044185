import { type Kysely, sql } from 'kysely'

/**
 * Admin keys are never team-scoped: an admin administers the whole service (keys, webhooks, calendars shared
 * by every team), so a team-scoped admin key would be a global admin in all but name. Existing team-scoped
 * admin keys become team-scoped manager keys (their secrets keep working, with a manager's access to their
 * team), and a check keeps any from being written again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE api_keys SET role = 'manager', version = version + 1, updated_at = now() WHERE role = 'admin' AND team_id IS NOT NULL;
    ALTER TABLE api_keys ADD CONSTRAINT api_keys_admin_unscoped CHECK (role <> 'admin' OR team_id IS NULL);
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
