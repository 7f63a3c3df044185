import { DateTime } from 'luxon'
import type { Db } from '../db/database.js'
import { findMeasure } from '../outcome-measures/catalogue.js'
import { missingScores } from '../outcome-measures/score-completeness.js'
import { type OutcomeReportFilters, outcomeReportRows } from './outcome-report.repository.js'

const ZONE = 'Europe/London'

/** A valid day as YYYY-MM-DD (the month is validated by its schema, so luxon's null never happens). */
function isoDate(day: DateTime): string {
  const date = day.toISODate()
  if (date === null) throw new RangeError(`Invalid date: ${day.invalidReason}`)
  return date
}

/** The month's bounds as instants: from the first local midnight to the next month's. */
export function monthBounds(month: string) {
  const start = DateTime.fromISO(`${month}-01`, { zone: ZONE })
  const end = start.plus({ months: 1 })
  return { from: isoDate(start), to: isoDate(end.minus({ days: 1 })), fromAt: start.toJSDate(), toAt: end.toJSDate() }
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))

/** The monthly outcome monitoring of 000 §7 (REPORT_DEFINITION): the figures PostgreSQL aggregates, as numbers, with each measure's title. */
export async function outcomeReport(db: Db, f: OutcomeReportFilters) {
  const { from, to, fromAt, toAt } = monthBounds(f.month)
  const { measures, totals: t, completeness, feedbackReceived } = await outcomeReportRows(db, f, { fromAt, toAt })
  const incomplete = completeness.filter((i) => missingScores({ reviewHeld: i.reviewHeld, ended: true }, i.selected, i.scored).length > 0).length
  return {
    month: f.month,
    from,
    to,
    teamId: f.teamId ?? null,
    practitionerId: f.practitionerId ?? null,
    interventions: Number(t.interventions),
    interventionsWithCompleteScores: completeness.length - incomplete,
    interventionsWithMissingScores: incomplete,
    familyFeedbackReceived: feedbackReceived,
    interventionsWithChangeMeasured: Number(t.measured),
    improvedInOneOrMoreAreas: Number(t.improved),
    noChangeInOneOrMoreAreas: Number(t.noChange),
    regressedInOneOrMoreAreas: Number(t.regressed),
    // The CamelCasePlugin maps the result's snake_case column names to camelCase.
    measures: measures.map((r) => ({
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
