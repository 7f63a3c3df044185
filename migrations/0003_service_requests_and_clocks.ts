import { type Kysely, sql } from 'kysely'

/**
 * Requests for service, allocations, specialist consultations, and the SLA clocks the engine keeps for
 * them. A clock stores its due date and due instant (and when it becomes due soon), so "overdue as of
 * T" is an index range scan over open clocks.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE service_requests (
      id uuid PRIMARY KEY,
      family_id uuid NOT NULL REFERENCES families (id),
      team_id uuid NOT NULL REFERENCES teams (id),
      kind text NOT NULL,
      route text NOT NULL,
      focus text NOT NULL,
      target_outcomes jsonb NOT NULL DEFAULT '[]',
      requested_by jsonb NOT NULL,
      consent jsonb NOT NULL,
      received_at timestamptz NOT NULL,
      status text NOT NULL,
      decision jsonb,
      ended_reason text,
      ended_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by_key_id uuid REFERENCES api_keys (id),
      updated_by_key_id uuid REFERENCES api_keys (id)
    );
    CREATE INDEX service_requests_team_idx ON service_requests (team_id, id);
    CREATE INDEX service_requests_family_idx ON service_requests (family_id, id);

    CREATE TABLE allocations (
      id uuid PRIMARY KEY,
      service_request_id uuid NOT NULL REFERENCES service_requests (id),
      family_id uuid NOT NULL REFERENCES families (id),
      team_id uuid NOT NULL REFERENCES teams (id),
      practitioner_id uuid NOT NULL REFERENCES practitioners (id),
      co_worker_ids jsonb NOT NULL DEFAULT '[]',
      allocated_at timestamptz NOT NULL,
      allocated_by text,
      override_reason text,
      status text NOT NULL DEFAULT 'active',
      case_discussion jsonb,
      joint_visit jsonb,
      initial_visit jsonb,
      plan_sign_off jsonb,
      ended_at timestamptz,
      ended_reason text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by_key_id uuid REFERENCES api_keys (id),
      updated_by_key_id uuid REFERENCES api_keys (id)
    );
    -- One live allocation per request.
    CREATE UNIQUE INDEX allocations_one_active_idx ON allocations (service_request_id) WHERE status = 'active';
    CREATE INDEX allocations_practitioner_active_idx ON allocations (practitioner_id) WHERE status = 'active';
    CREATE INDEX allocations_team_idx ON allocations (team_id, id);

    CREATE TABLE consultations (
      id uuid PRIMARY KEY,
      family_id uuid NOT NULL REFERENCES families (id),
      team_id uuid NOT NULL REFERENCES teams (id),
      service_request_id uuid REFERENCES service_requests (id),
      practitioner_id uuid REFERENCES practitioners (id),
      specialism text,
      held_at timestamptz NOT NULL,
      attendees jsonb NOT NULL DEFAULT '[]',
      summary text,
      recorded_at timestamptz,
      recommendations text,
      supervisor_discussed_at timestamptz,
      supervisor_notes text,
      status text NOT NULL DEFAULT 'held',
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by_key_id uuid REFERENCES api_keys (id),
      updated_by_key_id uuid REFERENCES api_keys (id)
    );
    CREATE INDEX consultations_team_idx ON consultations (team_id, id);

    CREATE TABLE sla_clocks (
      id uuid PRIMARY KEY,
      standard_key text NOT NULL,
      preset_id text NOT NULL,
      title text NOT NULL,
      target_amount integer NOT NULL,
      target_unit text NOT NULL,
      due_soon_within integer NOT NULL,
      on_breach text NOT NULL,
      subject_type text NOT NULL,
      subject_id uuid NOT NULL,
      family_id uuid NOT NULL,
      team_id uuid NOT NULL,
      practitioner_id uuid,
      -- The request the work belongs to, when there is one: a family's SLA block covers its open requests.
      service_request_id uuid,
      calendar_id text NOT NULL REFERENCES calendars (id),
      started_at timestamptz NOT NULL,
      due_date date NOT NULL,
      due_at timestamptz NOT NULL,
      due_soon_at timestamptz NOT NULL,
      completed_at timestamptz,
      cancelled_at timestamptz,
      paused_at timestamptz,
      paused_working_days integer NOT NULL DEFAULT 0,
      late_reason text,
      breach_actioned_at timestamptz,
      overdue_announced_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX sla_clocks_subject_idx ON sla_clocks (subject_id);
    CREATE INDEX sla_clocks_family_idx ON sla_clocks (family_id);
    -- Open clocks by due instant, overall and by team, practitioner and standard: the breach queries.
    CREATE INDEX sla_clocks_open_due_idx ON sla_clocks (due_at, id) WHERE completed_at IS NULL AND cancelled_at IS NULL;
    CREATE INDEX sla_clocks_open_team_idx ON sla_clocks (team_id, due_at, id) WHERE completed_at IS NULL AND cancelled_at IS NULL;
    CREATE INDEX sla_clocks_open_practitioner_idx ON sla_clocks (practitioner_id, due_at, id) WHERE completed_at IS NULL AND cancelled_at IS NULL;
    CREATE INDEX sla_clocks_open_standard_idx ON sla_clocks (standard_key, due_at, id) WHERE completed_at IS NULL AND cancelled_at IS NULL;
    CREATE INDEX sla_clocks_open_calendar_idx ON sla_clocks (calendar_id) WHERE completed_at IS NULL AND cancelled_at IS NULL;
    -- Open clocks whose breach the service acts on (e.g. ending a request), not yet acted on.
    CREATE INDEX sla_clocks_breach_action_idx ON sla_clocks (due_at) WHERE on_breach <> 'flag' AND breach_actioned_at IS NULL AND completed_at IS NULL AND cancelled_at IS NULL;
    -- Every clock by due instant, for breach queries as of a past moment (clocks open then).
    CREATE INDEX sla_clocks_due_idx ON sla_clocks (due_at, id);
    -- Clocks stopped late, for met_late listings.
    CREATE INDEX sla_clocks_late_idx ON sla_clocks (due_at, id) WHERE completed_at > due_at;

    CREATE TABLE sla_clock_pauses (
      clock_id uuid NOT NULL REFERENCES sla_clocks (id),
      paused_at timestamptz NOT NULL,
      resumed_at timestamptz,
      working_days integer,
      PRIMARY KEY (clock_id, paused_at)
    );
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
