import { type Kysely, sql } from 'kysely'

/**
 * A large import is handed to the job queue: `imports` keeps the file and who sent it, and
 * `import_results` one row per line, written in the line's own transaction. A line has a result exactly
 * when its case committed (or failed and left nothing), so progress read from the results can never
 * disagree with what was written, and a worker that stops resumes at the first line without one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE imports (
      id uuid PRIMARY KEY,
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'failed')),
      dry_run boolean NOT NULL,
      total_lines integer NOT NULL CHECK (total_lines >= 0),
      body text NOT NULL,
      team_id uuid REFERENCES teams (id),
      acting_user text,
      request_id text NOT NULL,
      problem jsonb,
      started_at timestamptz,
      finished_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      created_by_key_id uuid REFERENCES api_keys (id),
      created_by_role text NOT NULL,
      CHECK (finished_at IS NULL OR status IN ('completed', 'failed'))
    );
    CREATE INDEX imports_unfinished ON imports (id) WHERE status IN ('queued', 'running');

    CREATE TABLE import_results (
      import_id uuid NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
      line integer NOT NULL CHECK (line >= 1),
      outcome text NOT NULL CHECK (outcome IN ('created', 'skipped', 'failed')),
      family_id uuid,
      created jsonb NOT NULL,
      problem jsonb,
      PRIMARY KEY (import_id, line)
    );
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
