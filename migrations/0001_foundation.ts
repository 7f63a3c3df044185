import { type Kysely, sql } from 'kysely'

/** Keys, teams, practitioners, families, external references, idempotency records and the event outbox. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE teams (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      calendar_id text NOT NULL,
      standards_preset text NOT NULL,
      caseload_capacity integer NOT NULL CHECK (caseload_capacity >= 0),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by_key_id uuid,
      updated_by_key_id uuid
    );

    CREATE TABLE api_keys (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'manager', 'practitioner', 'integration', 'viewer')),
      team_id uuid REFERENCES teams (id),
      key_hash text NOT NULL UNIQUE,
      key_prefix text NOT NULL,
      revoked_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by_key_id uuid REFERENCES api_keys (id),
      updated_by_key_id uuid REFERENCES api_keys (id)
    );

    CREATE TABLE practitioners (
      id uuid PRIMARY KEY,
      team_id uuid NOT NULL REFERENCES teams (id),
      name text NOT NULL,
      email text,
      role text NOT NULL,
      specialism text,
      caseload_capacity integer NOT NULL CHECK (caseload_capacity >= 0),
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by_key_id uuid REFERENCES api_keys (id),
      updated_by_key_id uuid REFERENCES api_keys (id)
    );
    CREATE INDEX practitioners_team_idx ON practitioners (team_id, id);

    CREATE TABLE families (
      id uuid PRIMARY KEY,
      team_id uuid NOT NULL REFERENCES teams (id),
      reference text NOT NULL,
      tier smallint NOT NULL CHECK (tier BETWEEN 2 AND 4),
      plan text NOT NULL,
      members jsonb NOT NULL,
      address jsonb,
      lead_professional jsonb,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by_key_id uuid REFERENCES api_keys (id),
      updated_by_key_id uuid REFERENCES api_keys (id)
    );
    CREATE INDEX families_team_idx ON families (team_id, id);
    CREATE INDEX families_reference_idx ON families (reference);

    -- One value per system and kind of record: a case system's id points at exactly one record.
    CREATE TABLE external_refs (
      resource_type text NOT NULL,
      system text NOT NULL,
      value text NOT NULL,
      resource_id uuid NOT NULL,
      PRIMARY KEY (resource_type, system, value)
    );
    CREATE INDEX external_refs_resource_idx ON external_refs (resource_id);

    CREATE TABLE idempotency_keys (
      api_key_id uuid NOT NULL REFERENCES api_keys (id),
      key text NOT NULL,
      request_hash text NOT NULL,
      response_status integer,
      response_headers jsonb,
      response_body text,
      created_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz,
      PRIMARY KEY (api_key_id, key)
    );
    CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

    -- The outbox: every change appends its domain events here in the change's own transaction.
    CREATE TABLE events (
      id bigserial PRIMARY KEY,
      type text NOT NULL,
      subject_type text NOT NULL,
      subject_id uuid NOT NULL,
      family_id uuid,
      team_id uuid,
      occurred_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      api_key_id uuid,
      acting_user text,
      request_id text,
      data jsonb NOT NULL DEFAULT '{}'::jsonb
    );
    CREATE INDEX events_subject_idx ON events (subject_type, subject_id, id);
    CREATE INDEX events_family_idx ON events (family_id, id);
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
