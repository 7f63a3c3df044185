import { type Kysely, sql } from 'kysely'

/**
 * Panels and assessments. `panels`: Targeted Help's weekly multi-agency panel (001 §3) and TRT's weekly
 * allocation meeting (000 §8): when, who attended, the minutes' reference; `panel_decisions`: per request
 * the decision and the named co-ordinator or practitioner. A request decided at a panel carries its id.
 * `assessments`: the Early Help Assessment (004 §3.2) and the Level 3 assessment (002): started and
 * completed by whom, with whom (the child seen, the family's views) and the needs found.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE panels (
      id uuid PRIMARY KEY,
      team_id uuid NOT NULL REFERENCES teams (id),
      kind text NOT NULL CHECK (kind IN ('targeted_help_panel', 'allocation_meeting')),
      held_at timestamptz NOT NULL,
      chaired_by text NOT NULL,
      attendees jsonb NOT NULL,
      minutes_reference text NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by_key_id uuid REFERENCES api_keys (id),
      updated_by_key_id uuid REFERENCES api_keys (id)
    );
    CREATE INDEX panels_team_idx ON panels (team_id, id);

    CREATE TABLE panel_decisions (
      id uuid PRIMARY KEY,
      panel_id uuid NOT NULL REFERENCES panels (id),
      service_request_id uuid NOT NULL REFERENCES service_requests (id),
      decision text NOT NULL CHECK (decision IN ('allocated', 'accepted', 'declined', 'returned', 'deferred')),
      practitioner_id uuid REFERENCES practitioners (id),
      allocation_id uuid REFERENCES allocations (id),
      reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (panel_id, service_request_id),
      CHECK ((decision = 'allocated') = (practitioner_id IS NOT NULL))
    );
    CREATE INDEX panel_decisions_request_idx ON panel_decisions (service_request_id);

    ALTER TABLE service_requests ADD COLUMN panel_id uuid REFERENCES panels (id);

    CREATE TABLE assessments (
      id uuid PRIMARY KEY,
      family_id uuid NOT NULL REFERENCES families (id),
      team_id uuid NOT NULL REFERENCES teams (id),
      service_request_id uuid NOT NULL REFERENCES service_requests (id),
      allocation_id uuid NOT NULL REFERENCES allocations (id),
      kind text NOT NULL CHECK (kind IN ('early_help_assessment', 'level_3_assessment')),
      model text,
      started_at timestamptz NOT NULL,
      started_by text NOT NULL,
      completed jsonb,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by_key_id uuid REFERENCES api_keys (id),
      updated_by_key_id uuid REFERENCES api_keys (id)
    );
    CREATE INDEX assessments_team_idx ON assessments (team_id, id);
    CREATE INDEX assessments_request_idx ON assessments (service_request_id);
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
