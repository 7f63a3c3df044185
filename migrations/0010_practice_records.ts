import { type Kysely, sql } from 'kysely'

/**
 * The records the practice runs on. `consents`: each decision of a family about consent (given, refused,
 * withdrawn), by whom, for what (sharing information, the service), when and recorded by whom; a refusal
 * keeps the date it is to be revisited (004). Rows are never updated: a later decision is a new row.
 * `plans`: the family's plan of a case (TAF plan 001, Level 3 plan 002, contingency plan 004, multi-agency
 * action plan 000), its actions (what, who, by when), and each version kept: a new one on each review.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE consents (
      id uuid PRIMARY KEY,
      family_id uuid NOT NULL REFERENCES families (id),
      team_id uuid NOT NULL REFERENCES teams (id),
      service_request_id uuid REFERENCES service_requests (id),
      allocation_id uuid REFERENCES allocations (id),
      decision text NOT NULL CHECK (decision IN ('given', 'refused', 'withdrawn')),
      scopes jsonb NOT NULL,
      given_by jsonb NOT NULL,
      obtained_at text NOT NULL,
      decided_at timestamptz NOT NULL,
      recorded_by text NOT NULL,
      revisit_on date,
      notes text,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by_key_id uuid REFERENCES api_keys (id),
      CHECK ((decision = 'refused') = (revisit_on IS NOT NULL))
    );
    CREATE INDEX consents_family_idx ON consents (family_id, decided_at);
    CREATE INDEX consents_request_idx ON consents (service_request_id, decided_at) WHERE service_request_id IS NOT NULL;
    CREATE INDEX consents_team_idx ON consents (team_id, id);

    CREATE TABLE plans (
      id uuid PRIMARY KEY,
      family_id uuid NOT NULL REFERENCES families (id),
      team_id uuid NOT NULL REFERENCES teams (id),
      service_request_id uuid NOT NULL REFERENCES service_requests (id),
      allocation_id uuid REFERENCES allocations (id),
      kind text NOT NULL,
      status text NOT NULL DEFAULT 'draft',
      current_version integer NOT NULL DEFAULT 1,
      content jsonb NOT NULL,
      signed_off jsonb,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by_key_id uuid REFERENCES api_keys (id),
      updated_by_key_id uuid REFERENCES api_keys (id)
    );
    CREATE INDEX plans_team_idx ON plans (team_id, id);
    CREATE INDEX plans_request_idx ON plans (service_request_id);

    CREATE TABLE plan_actions (
      id uuid PRIMARY KEY,
      plan_id uuid NOT NULL REFERENCES plans (id),
      what text NOT NULL,
      who text NOT NULL,
      due_on date NOT NULL,
      done_at timestamptz,
      added_in_version integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX plan_actions_plan_idx ON plan_actions (plan_id, id);

    CREATE TABLE plan_versions (
      plan_id uuid NOT NULL REFERENCES plans (id),
      number integer NOT NULL,
      reason text NOT NULL,
      review jsonb,
      snapshot jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (plan_id, number)
    );
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
