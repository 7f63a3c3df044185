import { type Kysely, sql } from 'kysely'

/**
 * Interventions (the direct work after allocation: reviews, consent extension, audits, supervision,
 * suspension, ending with the summary of work), their case recordings (contacts), the outcome measures
 * selected for each and the scores (1–10) recorded against them by phase and perspective (000 §6, §7,
 * §10, §11, §13, Appendix 2). The outcome report aggregates outcome_scores in SQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE interventions (
      id uuid PRIMARY KEY,
      allocation_id uuid NOT NULL REFERENCES allocations (id),
      service_request_id uuid NOT NULL REFERENCES service_requests (id),
      family_id uuid NOT NULL REFERENCES families (id),
      team_id uuid NOT NULL REFERENCES teams (id),
      practitioner_id uuid NOT NULL REFERENCES practitioners (id),
      started_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'ended')),
      focus text NOT NULL,
      agreed_outcomes jsonb NOT NULL DEFAULT '[]',
      working_together_agreement text,
      danger_statements jsonb NOT NULL DEFAULT '[]',
      safety_goals jsonb NOT NULL DEFAULT '[]',
      reviews jsonb NOT NULL DEFAULT '[]',
      extended_until date,
      consent_extension jsonb,
      audits jsonb NOT NULL DEFAULT '{}',
      joint_supervisions jsonb NOT NULL DEFAULT '[]',
      meetings jsonb NOT NULL DEFAULT '[]',
      five_month_check jsonb,
      suspensions jsonb NOT NULL DEFAULT '[]',
      suspended_at timestamptz,
      duration_exception jsonb,
      ended_at timestamptz,
      ending jsonb,
      follow_up_due_on date,
      baseline_follow_up jsonb,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by_key_id uuid REFERENCES api_keys (id),
      updated_by_key_id uuid REFERENCES api_keys (id)
    );
    -- One intervention per allocation.
    CREATE UNIQUE INDEX interventions_allocation_idx ON interventions (allocation_id);
    CREATE INDEX interventions_team_idx ON interventions (team_id, id);
    CREATE INDEX interventions_practitioner_open_idx ON interventions (practitioner_id) WHERE status <> 'ended';
    -- The outcome report's cohort: interventions ended in a month.
    CREATE INDEX interventions_ended_idx ON interventions (ended_at) WHERE ended_at IS NOT NULL;

    CREATE TABLE intervention_contacts (
      id uuid PRIMARY KEY,
      intervention_id uuid NOT NULL REFERENCES interventions (id),
      family_id uuid NOT NULL REFERENCES families (id),
      team_id uuid NOT NULL REFERENCES teams (id),
      practitioner_id uuid REFERENCES practitioners (id),
      occurred_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL,
      duration_minutes integer NOT NULL CHECK (duration_minutes > 0),
      location text NOT NULL,
      purpose text NOT NULL,
      present jsonb NOT NULL DEFAULT '[]',
      child_seen_alone boolean NOT NULL,
      voice_of_child text NOT NULL,
      observations text NOT NULL,
      analysis text NOT NULL,
      actions text NOT NULL,
      next_contact_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by_key_id uuid REFERENCES api_keys (id),
      updated_by_key_id uuid REFERENCES api_keys (id),
      CHECK (recorded_at >= occurred_at)
    );
    CREATE INDEX intervention_contacts_intervention_idx ON intervention_contacts (intervention_id, id);

    CREATE TABLE intervention_outcome_measures (
      intervention_id uuid NOT NULL REFERENCES interventions (id),
      measure_id text NOT NULL,
      selected_by jsonb NOT NULL,
      selected_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by_key_id uuid REFERENCES api_keys (id),
      PRIMARY KEY (intervention_id, measure_id)
    );

    CREATE TABLE outcome_scores (
      id uuid PRIMARY KEY,
      intervention_id uuid NOT NULL REFERENCES interventions (id),
      measure_id text NOT NULL,
      phase text NOT NULL CHECK (phase IN ('start', 'review', 'end')),
      perspective text NOT NULL CHECK (perspective IN ('social_worker', 'practitioner', 'child', 'parent_carer')),
      score smallint NOT NULL CHECK (score BETWEEN 1 AND 10),
      recorded_at timestamptz NOT NULL,
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by_key_id uuid REFERENCES api_keys (id),
      updated_by_key_id uuid REFERENCES api_keys (id),
      FOREIGN KEY (intervention_id, measure_id) REFERENCES intervention_outcome_measures (intervention_id, measure_id)
    );
    -- One score per measure, phase and perspective: perspectives may disagree, and all are kept.
    CREATE UNIQUE INDEX outcome_scores_one_idx ON outcome_scores (intervention_id, measure_id, phase, perspective);
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
