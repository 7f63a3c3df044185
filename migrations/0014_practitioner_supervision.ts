import { type Kysely, sql } from 'kysely'

/**
 * Supervision per practitioner (000 §11, §11.1): case supervision, the specialist's quarterly three-way
 * meeting with their clinical supervisor, and the observation of practice every 6 months. Each record is
 * kept in `supervision_records`, and its clock hangs on the practitioner, not on a family: `sla_clocks`
 * may lack a family only for a practitioner's clock.
 *
 * A request for direct work that a manager accepted although the family is outside the service's
 * eligibility (000 §3, §8: tiers 3 and 4, a social care plan) keeps the rules it did not meet and the reason.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE sla_clocks
      ALTER COLUMN family_id DROP NOT NULL,
      ADD CONSTRAINT sla_clocks_family_unless_practitioner CHECK (family_id IS NOT NULL OR subject_type = 'practitioner');

    CREATE TABLE supervision_records (
      id uuid PRIMARY KEY,
      practitioner_id uuid NOT NULL REFERENCES practitioners (id),
      team_id uuid NOT NULL REFERENCES teams (id),
      kind text NOT NULL CHECK (kind IN ('case_supervision', 'clinical_supervision_meeting', 'practice_observation')),
      held_at timestamptz NOT NULL,
      supervisor text NOT NULL,
      clinical_supervisor text,
      notes text,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by_key_id uuid REFERENCES api_keys (id),
      CHECK ((kind = 'clinical_supervision_meeting') = (clinical_supervisor IS NOT NULL))
    );
    CREATE INDEX supervision_records_practitioner_idx ON supervision_records (practitioner_id, held_at);

    ALTER TABLE service_requests ADD COLUMN eligibility_override jsonb;
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
