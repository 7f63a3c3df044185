import { sql } from 'kysely'
import { DateTime } from 'luxon'
import type { Db } from '../db/database.js'
import { findMeasure } from '../outcome-measures/catalogue.js'

export interface OutcomeReportFilters {
  month: string
  teamId?: string
  practitionerId?: string
  onlyTeamId: string | null
}

const ZONE = 'Europe/London'

/** The month's bounds as instants: from the first local midnight to the next month's. */
export function monthBounds(month: string) {
  const start = DateTime.fromISO(`${month}-01`, { zone: ZONE })
  const end = start.plus({ months: 1 })
  return { from: start.toISODate()!, to: end.minus({ days: 1 }).toISODate()!, fromAt: start.toJSDate(), toAt: end.toJSDate() }
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))

/**
 * The monthly outcome monitoring of 000 §7, aggregated by PostgreSQL: one query for the per-measure
 * figures and one for the per-intervention "in one or more areas" counts. See REPORT_DEFINITION.
 */
export async function outcomeReport(db: Db, f: OutcomeReportFilters) {
  const { from, to, fromAt, toAt } = monthBounds(f.month)
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
  const t = totals.rows[0]

  return {
    month: f.month,
    from,
    to,
    teamId: f.teamId ?? null,
    practitionerId: f.practitionerId ?? null,
    interventions: Number(t.interventions),
    interventionsWithChangeMeasured: Number(t.measured),
    improvedInOneOrMoreAreas: Number(t.improved),
    noChangeInOneOrMoreAreas: Number(t.noChange),
    regressedInOneOrMoreAreas: Number(t.regressed),
    // The CamelCasePlugin maps the result's snake_case column names to camelCase.
    measures: measures.rows.map((r) => ({
      measureId: r.measureId,
      category: findMeasure(r.measureId)?.category ?? 'unknown',
      title: findMeasure(r.measureId)?.title ?? r.measureId,
      timesSelected: Number(r.timesSelected),
      averageStart: num(r.averageStart),
      averageReview: num(r.averageReview),
      averageEnd: num(r.averageEnd),
      averageChange: num(r.averageChange),
      changeMeasured: Number(r.changeMeasured),
      improved: Number(r.improved),
      noChange: Number(r.noChange),
      regressed: Number(r.regressed),
    })),
  }
}
