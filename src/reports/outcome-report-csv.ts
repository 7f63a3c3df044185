import type { CsvColumn } from '../breaches/csv.js'
import type { Db } from '../db/database.js'
import { findPractitionerNames } from '../practitioners/practitioner.service.js'
import { findTeamNames } from '../teams/team.service.js'
import type { outcomeReport } from './outcome-report.service.js'

/** The outcome report's CSV columns: the month and scope on every row, then the figures. */
export const OUTCOME_REPORT_CSV_COLUMNS: readonly CsvColumn[] = [
  { key: 'month', header: 'Month' },
  { key: 'team', header: 'Team' },
  { key: 'practitioner', header: 'Practitioner' },
  { key: 'measureId', header: 'Measure ID' },
  { key: 'category', header: 'Category' },
  { key: 'title', header: 'Measure' },
  { key: 'interventions', header: 'Interventions' },
  { key: 'averageStart', header: 'Average start score' },
  { key: 'averageReview', header: 'Average review score' },
  { key: 'averageEnd', header: 'Average end score' },
  { key: 'averageChange', header: 'Average change' },
  { key: 'changeMeasured', header: 'Change measured' },
  { key: 'improved', header: 'Improved' },
  { key: 'noChange', header: 'No change' },
  { key: 'regressed', header: 'Regressed' },
]

/** The label of the headline row, which carries the month's totals. */
export const ALL_MEASURES = 'All measures (interventions in one or more areas)'

type OutcomeReport = Awaited<ReturnType<typeof outcomeReport>>

/**
 * One row per measure (Interventions: how many selected it), then the headline row: Interventions is
 * every intervention that ended in the month, and Change measured, Improved, No change and Regressed
 * count the interventions "in one or more areas" (000 §7). Team and Practitioner name the report's scope.
 */
export async function outcomeReportCsvRows(db: Db, report: OutcomeReport) {
  const team = report.teamId ? ((await findTeamNames(db, [report.teamId])).get(report.teamId) ?? report.teamId) : 'All teams'
  const practitioner = report.practitionerId
    ? ((await findPractitionerNames(db, [report.practitionerId])).get(report.practitionerId) ?? report.practitionerId)
    : 'All practitioners'
  const scope = { month: report.month, team, practitioner }
  return [
    ...report.measures.map(({ timesSelected, ...m }) => ({ ...scope, ...m, interventions: timesSelected })),
    {
      ...scope,
      title: ALL_MEASURES,
      interventions: report.interventions,
      changeMeasured: report.interventionsWithChangeMeasured,
      improved: report.improvedInOneOrMoreAreas,
      noChange: report.noChangeInOneOrMoreAreas,
      regressed: report.regressedInOneOrMoreAreas,
    },
  ]
}
