import { type Kysely, sql } from 'kysely'

/**
 * Escalations (disagreements, step up, step down, safeguarding concerns), the indexes the event feed
 * filters on, webhook subscriptions with their delivery log, and the log of reads of families' records.
 * The outbox and the read log are append-only: a trigger refuses updates and deletes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE escalations (
      id uuid PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('disagreement', 'step_up', 'step_down', 'safeguarding_concern')),
      family_id uuid NOT NULL REFERENCES families (id),
      team_id uuid NOT NULL REFERENCES teams (id),
      status text NOT NULL CHECK (status IN ('open', 'resolved', 'decided', 'withdrawn', 'completed')),
      level text,
      subject text,
      raised_at timestamptz NOT NULL,
      raised_by text NOT NULL,
      reason text,
      lead_professional jsonb,
      outcome jsonb,
      steps jsonb NOT NULL DEFAULT '[]'::jsonb,
      raised_with_manager jsonb,
      hub_contacts jsonb NOT NULL DEFAULT '[]'::jsonb,
      written_follow_up_at timestamptz,
      feedback jsonb,
      resolution jsonb,
      final_decision jsonb,
      withdrawal jsonb,
      closed_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by_key_id uuid REFERENCES api_keys (id),
      updated_by_key_id uuid REFERENCES api_keys (id)
    );
    CREATE INDEX escalations_team_idx ON escalations (team_id, id);
    CREATE INDEX escalations_family_idx ON escalations (family_id, id);
    -- A family has at most one open step-up: creating another returns it (idempotent).
    CREATE UNIQUE INDEX escalations_open_step_up_idx ON escalations (family_id) WHERE kind = 'step_up' AND status = 'open';

    -- The feed's order: by writing transaction, then id. Only events of transactions older than every
    -- transaction still running are served, so nothing can later appear before a position already read.
    ALTER TABLE events ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id();
    CREATE UNIQUE INDEX events_feed_idx ON events (tx, id);
    CREATE INDEX events_type_idx ON events (type, id);
    CREATE INDEX events_team_idx ON events (team_id, id);
    CREATE INDEX events_recorded_idx ON events (recorded_at, id);
    CREATE INDEX events_api_key_idx ON events (api_key_id, id);

    CREATE TABLE webhook_subscriptions (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      url text NOT NULL,
      event_types jsonb NOT NULL,
      team_id uuid REFERENCES teams (id),
      -- The signing secrets: the newest first; an older one stays valid until its expiry during rotation.
      secrets jsonb NOT NULL,
      status text NOT NULL CHECK (status IN ('active', 'disabled')),
      disabled_reason text,
      disabled_at timestamptz,
      consecutive_failures integer NOT NULL DEFAULT 0,
      -- The last outbox event this subscription has been offered; advanced with the deliveries it enqueues.
      after_tx xid8 NOT NULL,
      after_event_id bigint NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by_key_id uuid REFERENCES api_keys (id),
      updated_by_key_id uuid REFERENCES api_keys (id)
    );

    CREATE TABLE webhook_deliveries (
      id uuid PRIMARY KEY,
      subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (id),
      event_id bigint NOT NULL,
      event_type text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'skipped')),
      attempts jsonb NOT NULL DEFAULT '[]'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz,
      UNIQUE (subscription_id, event_id)
    );
    CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, id);

    CREATE TABLE audit_reads (
      id bigserial PRIMARY KEY,
      family_id uuid NOT NULL,
      team_id uuid,
      api_key_id uuid,
      acting_user text,
      request_id text,
      method text NOT NULL,
      path text NOT NULL,
      read_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX audit_reads_family_idx ON audit_reads (family_id, id);
    CREATE INDEX audit_reads_read_at_idx ON audit_reads (read_at, id);

    CREATE FUNCTION refuse_change_to_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
    END $$;
    CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
    CREATE TRIGGER audit_reads_append_only BEFORE UPDATE OR DELETE ON audit_reads FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
