import { type Static, Type } from '@sinclair/typebox'
import { Nullable, Strict, Uuid } from '../schema/helpers.js'

export const OutcomeReportQuery = Strict({
  month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'The month, YYYY-MM (Europe/London)' }),
  teamId: Type.Optional(Uuid()),
  practitionerId: Type.Optional(Uuid()),
})
export type OutcomeReportParams = Static<typeof OutcomeReportQuery>

const avg = (description: string) => Nullable(Type.Number({ description }))
const MeasureFigures = Type.Object({
  measureId: Type.String(),
  category: Type.String(),
  title: Type.String(),
  timesSelected: Type.Integer({ description: 'Interventions of the month that selected the measure' }),
  averageStart: avg('Mean of every start score (all perspectives), 2 decimals'),
  averageReview: avg('Mean of every review score'),
  averageEnd: avg('Mean of every end score'),
  averageChange: avg('Mean, over the interventions with change measured, of the intervention’s change on the measure'),
  changeMeasured: Type.Integer({ description: 'Interventions with a start and an end score from at least one same perspective' }),
  improved: Type.Integer(),
  noChange: Type.Integer(),
  regressed: Type.Integer(),
})

export const OutcomeReportSchema = Type.Object(
  {
    month: Type.String(),
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date' }),
    teamId: Nullable(Uuid()),
    practitionerId: Nullable(Uuid()),
    interventions: Type.Integer({ description: 'Interventions counted: those that ended in the month' }),
    interventionsWithCompleteScores: Type.Integer({
      description: 'Of those, the ones with every selected scored measure scored at the start, at the review (when one was held) and at the end (000 §7)',
    }),
    interventionsWithMissingScores: Type.Integer({ description: 'Of those, the ones with a phase’s scores missing: see the intervention’s `missingScores`' }),
    familyFeedbackReceived: Type.Integer({ description: 'Family feedback on the work received in the month (000 §10)' }),
    interventionsWithChangeMeasured: Type.Integer(),
    improvedInOneOrMoreAreas: Type.Integer(),
    noChangeInOneOrMoreAreas: Type.Integer(),
    regressedInOneOrMoreAreas: Type.Integer(),
    measures: Type.Array(MeasureFigures),
  },
  { $id: 'OutcomeReport' },
)

export const REPORT_DEFINITION = `Which interventions a month counts: those that **ended** in the month, that is whose \`endedAt\` falls on a day of the month in Europe/London time (their outcomes are complete), optionally of one team and of one practitioner (the allocated worker). A team-scoped key sees its own team only. Figures, computed in SQL:
- \`timesSelected\`: how many of those interventions selected the measure.
- \`averageStart\`, \`averageReview\`, \`averageEnd\`: the mean of every score of the measure at that phase, from every perspective (social worker, practitioner, child, parent/carer), rounded to 2 decimals; null with no scores.
- Change: for one intervention and measure, each perspective with both a start and an end score gives end − start; the intervention's change on the measure (an "area") is the mean of those differences. \`averageChange\` is the mean of the interventions' changes; \`improved\` / \`noChange\` / \`regressed\` count the interventions whose change is > 0, = 0, < 0; \`changeMeasured\` counts them all.
- \`improvedInOneOrMoreAreas\`, \`noChangeInOneOrMoreAreas\`, \`regressedInOneOrMoreAreas\`: how many interventions improved, did not change, or regressed on at least one measure (one intervention can be in more than one).
Send \`Accept: text/csv\` for a spreadsheet: one row per measure, then a headline row with the month's totals, each row naming the month, team and practitioner.`

export const outcomeReportSchemas = [OutcomeReportSchema]
