import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import type { OutcomeReportParams } from './outcome-report.schemas.js'

/** The report's query, and the only team a team-scoped key may see. */
export type OutcomeReportFilters = OutcomeReportParams & { onlyTeamId: string | null }

/**
 * The monthly outcome monitoring of 000 §7, aggregated by PostgreSQL: one query for the per-measure
 * figures and one for the per-intervention "in one or more areas" counts, over the interventions that
 * ended between `fromAt` and `toAt`. See REPORT_DEFINITION.
 */
export async function outcomeReportRows(db: Db, f: OutcomeReportFilters, { fromAt, toAt }: { fromAt: Date; toAt: Date }) {
  const cohort = sql`
    SELECT i.id FROM interventions i
    WHERE i.ended_at >= ${fromAt} AND i.ended_at < ${toAt}
      AND (${f.teamId ?? null}::uuid IS NULL OR i.team_id = ${f.teamId ?? null}::uuid)
      AND (${f.onlyTeamId}::uuid IS NULL OR i.team_id = ${f.onlyTeamId}::uuid)
      AND (${f.practitionerId ?? null}::uuid IS NULL OR i.practitioner_id = ${f.practitionerId ?? null}::uuid)`
  const pairs = sql`
    SELECT s.intervention_id, s.measure_id,
           avg(e.score - s.score) AS change
    FROM outcome_scores s
    JOIN outcome_scores e ON e.intervention_id = s.intervention_id AND e.measure_id = s.measure_id AND e.perspective = s.perspective AND e.phase = 'end'
    WHERE s.phase = 'start' AND s.intervention_id IN (SELECT id FROM cohort)
    GROUP BY s.intervention_id, s.measure_id`

  const measures = await sql<{
    measureId: string
    timesSelected: string
    averageStart: string | null
    averageReview: string | null
    averageEnd: string | null
    averageChange: string | null
    changeMeasured: string
    improved: string
    noChange: string
    regressed: string
  }>`
    WITH cohort AS (${cohort}),
    areas AS (${pairs}),
    selected AS (
      SELECT m.measure_id, count(*) AS times_selected FROM intervention_outcome_measures m
      WHERE m.intervention_id IN (SELECT id FROM cohort) GROUP BY m.measure_id
    ),
    averages AS (
      SELECT measure_id,
             round(avg(score) FILTER (WHERE phase = 'start'), 2) AS average_start,
             round(avg(score) FILTER (WHERE phase = 'review'), 2) AS average_review,
             round(avg(score) FILTER (WHERE phase = 'end'), 2) AS average_end
      FROM outcome_scores WHERE intervention_id IN (SELECT id FROM cohort) GROUP BY measure_id
    ),
    changes AS (
      SELECT measure_id, round(avg(change), 2) AS average_change, count(*) AS change_measured,
             count(*) FILTER (WHERE change > 0) AS improved, count(*) FILTER (WHERE change = 0) AS no_change, count(*) FILTER (WHERE change < 0) AS regressed
      FROM areas GROUP BY measure_id
    )
    SELECT s.measure_id, s.times_selected, a.average_start, a.average_review, a.average_end,
           c.average_change, coalesce(c.change_measured, 0) AS change_measured,
           coalesce(c.improved, 0) AS improved, coalesce(c.no_change, 0) AS no_change, coalesce(c.regressed, 0) AS regressed
    FROM selected s LEFT JOIN averages a USING (measure_id) LEFT JOIN changes c USING (measure_id)
    ORDER BY s.times_selected DESC, s.measure_id
  `.execute(db)

  const totals = await sql<{ interventions: string; measured: string; improved: string; noChange: string; regressed: string }>`
    WITH cohort AS (${cohort}),
    areas AS (${pairs}),
    per AS (
      SELECT intervention_id, bool_or(change > 0) AS improved, bool_or(change = 0) AS no_change, bool_or(change < 0) AS regressed
      FROM areas GROUP BY intervention_id
    )
    SELECT (SELECT count(*) FROM cohort) AS interventions, count(*) AS measured,
           count(*) FILTER (WHERE improved) AS improved, count(*) FILTER (WHERE no_change) AS no_change, count(*) FILTER (WHERE regressed) AS regressed
    FROM per
  `.execute(db)

  // Each intervention's selected measures and the phases scored, for the completeness of its scores.
  const completeness = await sql<{ id: string; reviewHeld: boolean; selected: string[]; scored: { measureId: string; phase: string }[] }>`
    WITH cohort AS (${cohort})
    SELECT i.id, jsonb_array_length(i.reviews) > 0 AS review_held,
           coalesce((SELECT jsonb_agg(m.measure_id) FROM intervention_outcome_measures m WHERE m.intervention_id = i.id), '[]') AS selected,
           coalesce((SELECT jsonb_agg(DISTINCT jsonb_build_object('measureId', s.measure_id, 'phase', s.phase)) FROM outcome_scores s WHERE s.intervention_id = i.id), '[]') AS scored
    FROM interventions i WHERE i.id IN (SELECT id FROM cohort)
  `.execute(db)
  // Family feedback received in the month, on any intervention in scope (000 §10).
  const feedback = await sql<{ received: string }>`
    SELECT count(*) AS received FROM interventions i, jsonb_array_elements(i.family_feedback) f
    WHERE (f ->> 'receivedAt')::timestamptz >= ${fromAt} AND (f ->> 'receivedAt')::timestamptz < ${toAt}
      AND (${f.teamId ?? null}::uuid IS NULL OR i.team_id = ${f.teamId ?? null}::uuid)
      AND (${f.onlyTeamId}::uuid IS NULL OR i.team_id = ${f.onlyTeamId}::uuid)
      AND (${f.practitionerId ?? null}::uuid IS NULL OR i.practitioner_id = ${f.practitionerId ?? null}::uuid)
  `.execute(db)
  return { measures: measures.rows, totals: totals.rows[0], completeness: completeness.rows, feedbackReceived: Number(feedback.rows[0]?.received ?? 0) }
}
