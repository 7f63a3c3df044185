import { type Kysely, sql } from 'kysely'

/**
 * The records the practice runs on. `consents`: each decision of a family about consent (given, refused,
 * withdrawn), by whom, for what (sharing information, the service), when and recorded by whom; a refusal
 * keeps the date it is to be revisited (004). Rows are never updated: a later decision is a new row.
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
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
