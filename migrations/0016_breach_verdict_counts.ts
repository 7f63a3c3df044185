import { type Kysely, sql } from 'kysely'

/**
 * The breach summary's history, kept counted. Clocks met late or missed only ever grow in number, so
 * counting them per request made `/breaches/summary` slower with every month of history. Triggers keep
 * their counts per team, standard, practitioner and month of the due date in `sla_verdict_counts`, in the
 * same transaction as the clock's change; the summary reads those rows for whole months and the clocks
 * themselves only for part-months, for clocks stopped after the moment asked about, and for open clocks.
 *
 * A trigger fires only for a row that is or was late (its WHEN is evaluated without calling the function),
 * so the clocks' other changes cost nothing more.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE sla_verdict_counts (
      team_id uuid NOT NULL,
      standard_key text NOT NULL,
      practitioner_id uuid,
      due_month date NOT NULL CHECK (extract(day FROM due_month) = 1),
      met_late bigint NOT NULL CHECK (met_late >= 0),
      missed bigint NOT NULL CHECK (missed >= 0),
      CONSTRAINT sla_verdict_counts_key UNIQUE NULLS NOT DISTINCT (team_id, standard_key, practitioner_id, due_month)
    );

    -- Counts a clock in (sign 1) or out (sign -1). Out is an UPDATE: the clock was counted in before, so its
    -- row exists, and the CHECKs catch any count that would go below zero.
    CREATE FUNCTION sla_verdict_count(c sla_clocks, sign integer) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
      late integer := CASE WHEN c.completed_at > c.due_at THEN 1 ELSE 0 END;
      miss integer := CASE WHEN c.closed_at > c.due_at THEN 1 ELSE 0 END;
      month date := date_trunc('month', c.due_date)::date;
    BEGIN
      IF sign > 0 THEN
        INSERT INTO sla_verdict_counts AS counts (team_id, standard_key, practitioner_id, due_month, met_late, missed)
        VALUES (c.team_id, c.standard_key, c.practitioner_id, month, late, miss)
        ON CONFLICT ON CONSTRAINT sla_verdict_counts_key DO UPDATE
          SET met_late = counts.met_late + excluded.met_late, missed = counts.missed + excluded.missed;
      ELSE
        UPDATE sla_verdict_counts SET met_late = met_late - late, missed = missed - miss
         WHERE team_id = c.team_id AND standard_key = c.standard_key
           AND practitioner_id IS NOT DISTINCT FROM c.practitioner_id AND due_month = month;
      END IF;
    END
    $$;

    CREATE FUNCTION sla_clocks_count_verdicts() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' AND (OLD.completed_at > OLD.due_at OR OLD.closed_at > OLD.due_at) THEN
        PERFORM sla_verdict_count(OLD, -1);
      END IF;
      IF TG_OP <> 'DELETE' AND (NEW.completed_at > NEW.due_at OR NEW.closed_at > NEW.due_at) THEN
        PERFORM sla_verdict_count(NEW, 1);
      END IF;
      RETURN NULL;
    END
    $$;

    CREATE TRIGGER sla_clocks_count_inserted AFTER INSERT ON sla_clocks FOR EACH ROW
      WHEN (NEW.completed_at > NEW.due_at OR NEW.closed_at > NEW.due_at)
      EXECUTE FUNCTION sla_clocks_count_verdicts();
    CREATE TRIGGER sla_clocks_count_deleted AFTER DELETE ON sla_clocks FOR EACH ROW
      WHEN (OLD.completed_at > OLD.due_at OR OLD.closed_at > OLD.due_at)
      EXECUTE FUNCTION sla_clocks_count_verdicts();
    CREATE TRIGGER sla_clocks_count_updated AFTER UPDATE ON sla_clocks FOR EACH ROW
      WHEN (
        (OLD.completed_at > OLD.due_at OR OLD.closed_at > OLD.due_at OR NEW.completed_at > NEW.due_at OR NEW.closed_at > NEW.due_at)
        AND (OLD.team_id, OLD.standard_key, OLD.practitioner_id, OLD.due_date, OLD.due_at, OLD.completed_at, OLD.closed_at)
          IS DISTINCT FROM (NEW.team_id, NEW.standard_key, NEW.practitioner_id, NEW.due_date, NEW.due_at, NEW.completed_at, NEW.closed_at)
      )
      EXECUTE FUNCTION sla_clocks_count_verdicts();

    LOCK TABLE sla_clocks IN SHARE ROW EXCLUSIVE MODE;
    INSERT INTO sla_verdict_counts (team_id, standard_key, practitioner_id, due_month, met_late, missed)
      SELECT team_id, standard_key, practitioner_id, date_trunc('month', due_date)::date,
             count(*) FILTER (WHERE completed_at > due_at), count(*) FILTER (WHERE closed_at > due_at)
        FROM sla_clocks
       WHERE completed_at > due_at OR closed_at > due_at
       GROUP BY 1, 2, 3, 4;

    -- The summary's open clocks, from the index alone and from their due-soon instant (a clock overdue or
    -- due soon is past it): it holds every column the summary filters or groups on, and the stop columns
    -- its status filters name (null in every entry).
    CREATE INDEX sla_clocks_open_summary_idx ON sla_clocks (due_soon_at)
      INCLUDE (due_at, standard_key, team_id, practitioner_id, family_id, due_date, completed_at, closed_at, paused_at)
      WHERE completed_at IS NULL AND closed_at IS NULL AND paused_at IS NULL;
    -- The summary's part-months and its clocks stopped after the moment asked about.
    CREATE INDEX sla_clocks_late_due_date_idx ON sla_clocks (due_date) WHERE completed_at > due_at;
    CREATE INDEX sla_clocks_missed_due_date_idx ON sla_clocks (due_date) WHERE closed_at > due_at;
    CREATE INDEX sla_clocks_late_completed_idx ON sla_clocks (completed_at) WHERE completed_at > due_at;
    CREATE INDEX sla_clocks_missed_closed_idx ON sla_clocks (closed_at) WHERE closed_at > due_at;
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
