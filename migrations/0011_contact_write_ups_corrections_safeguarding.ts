import { type Kysely, sql } from 'kysely'

/**
 * A contact can be saved as having happened before it is written up (000 §13: recorded within 2 working
 * days of the contact): its write-up (the child's voice, observations, analysis, actions) and `recorded_at`
 * are empty together until the write-up.
 *
 * Contacts and outcome scores can be corrected: the row holds the latest version, and each correction keeps
 * the version it replaced in `record_corrections`, with who corrected it and why.
 *
 * An intervention keeps the feedback its family gave on the work (000 §10), which the monthly report counts.
 *
 * A safeguarding concern records whether the parents were told before the contact to social care, and why
 * not when they were not (004 §2).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE intervention_contacts
      ALTER COLUMN recorded_at DROP NOT NULL,
      ALTER COLUMN voice_of_child DROP NOT NULL,
      ALTER COLUMN observations DROP NOT NULL,
      ALTER COLUMN analysis DROP NOT NULL,
      ALTER COLUMN actions DROP NOT NULL,
      ADD CONSTRAINT intervention_contacts_write_up_whole CHECK (
        (recorded_at IS NULL) = (voice_of_child IS NULL)
        AND (recorded_at IS NULL) = (observations IS NULL)
        AND (recorded_at IS NULL) = (analysis IS NULL)
        AND (recorded_at IS NULL) = (actions IS NULL)
      );
    CREATE INDEX intervention_contacts_unwritten_idx ON intervention_contacts (team_id, occurred_at) WHERE recorded_at IS NULL;

    CREATE TABLE record_corrections (
      id uuid PRIMARY KEY,
      record_type text NOT NULL CHECK (record_type IN ('contact', 'outcome_score')),
      record_id uuid NOT NULL,
      team_id uuid NOT NULL REFERENCES teams (id),
      version integer NOT NULL,
      previous jsonb NOT NULL,
      corrected_by text NOT NULL,
      reason text NOT NULL,
      corrected_at timestamptz NOT NULL,
      created_by_key_id uuid REFERENCES api_keys (id),
      UNIQUE (record_type, record_id, version)
    );

    ALTER TABLE interventions ADD COLUMN family_feedback jsonb NOT NULL DEFAULT '[]';

    ALTER TABLE escalations
      ADD COLUMN parents_informed boolean,
      ADD COLUMN parents_not_informed_reason text,
      ADD CONSTRAINT escalations_parents_not_informed_reason CHECK (parents_informed IS NOT FALSE OR parents_not_informed_reason IS NOT NULL);
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
