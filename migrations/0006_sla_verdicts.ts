import { type Kysely, sql } from 'kysely'

/**
 * Verdicts that can be trusted.
 * - A clock closed without its work done keeps when (`closed_at`, was `cancelled_at`): before its due
 *   instant it was cancelled, after it missed. A breach the service acted on (the request ended for no
 *   progress) was stored as completed late; it is missed, since the work was never done.
 * - `due_by`: a date the due date may not pass (a date the starting event named, or brought forward).
 * - `scheduled_at`: when the clock's current due instant was set, so a breach is known from the later of
 *   the two (history entered late is not acted on at once).
 * - What the engine needs to replay each event: its subject's ancestors and where its work is filed.
 * - Nothing ends before it started, in every table with a start and an end.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE sla_clocks RENAME COLUMN cancelled_at TO closed_at;
    UPDATE sla_clocks SET closed_at = completed_at, completed_at = NULL WHERE breach_actioned_at IS NOT NULL AND completed_at IS NOT NULL;
    ALTER TABLE sla_clocks ADD COLUMN due_by date;
    ALTER TABLE sla_clocks ADD COLUMN scheduled_at timestamptz;
    UPDATE sla_clocks SET scheduled_at = created_at;
    ALTER TABLE sla_clocks ALTER COLUMN scheduled_at SET NOT NULL;
    ALTER TABLE sla_clocks
      ADD CONSTRAINT sla_clocks_one_verdict CHECK (completed_at IS NULL OR closed_at IS NULL),
      ADD CONSTRAINT sla_clocks_completed_after_start CHECK (completed_at >= started_at),
      ADD CONSTRAINT sla_clocks_closed_after_start CHECK (closed_at >= started_at),
      ADD CONSTRAINT sla_clocks_paused_after_start CHECK (paused_at >= started_at),
      ADD CONSTRAINT sla_clocks_due_after_start CHECK (due_at >= started_at);
    ALTER TABLE sla_clock_pauses ADD CONSTRAINT sla_clock_pauses_resumed_after_paused CHECK (resumed_at >= paused_at);
    -- Missed clocks, for breach listings (met-late clocks have sla_clocks_late_idx).
    CREATE INDEX sla_clocks_missed_idx ON sla_clocks (due_at, id) WHERE closed_at > due_at;

    ALTER TABLE events
      ADD COLUMN parent_subjects jsonb,
      ADD COLUMN practitioner_id uuid,
      ADD COLUMN service_request_id uuid,
      ADD COLUMN until date;

    -- The date the family's consent runs to, where the team's service sets a consent period (TRT, 000 §1).
    ALTER TABLE interventions ADD COLUMN consent_until date;
    UPDATE interventions i
      SET consent_until = COALESCE((i.consent_extension ->> 'until')::date, ((i.started_at AT TIME ZONE 'Europe/London')::date + interval '3 months')::date)
      FROM teams t WHERE t.id = i.team_id AND t.standards_preset = 'trt';

    ALTER TABLE service_requests ADD CONSTRAINT service_requests_ended_after_received CHECK (ended_at >= received_at);
    ALTER TABLE allocations ADD CONSTRAINT allocations_ended_after_allocated CHECK (ended_at >= allocated_at);
    ALTER TABLE interventions
      ADD CONSTRAINT interventions_ended_after_started CHECK (ended_at >= started_at),
      ADD CONSTRAINT interventions_suspended_after_started CHECK (suspended_at >= started_at);
    ALTER TABLE consultations
      ADD CONSTRAINT consultations_recorded_after_held CHECK (recorded_at >= held_at),
      ADD CONSTRAINT consultations_discussed_after_recorded CHECK (supervisor_discussed_at >= recorded_at);
    ALTER TABLE escalations
      ADD CONSTRAINT escalations_closed_after_raised CHECK (closed_at >= raised_at),
      ADD CONSTRAINT escalations_follow_up_after_raised CHECK (written_follow_up_at >= raised_at);
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
