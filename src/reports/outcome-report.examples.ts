/** Examples of the outcome report schemas, for the reference page and the SDK (validated against their schemas by a test). */
import { TEAM } from '../schema/example-ids.js'

export const OUTCOME_REPORT_EXAMPLES: Record<string, unknown> = {
  OutcomeReport: {
    month: '2027-07',
    from: '2027-07-01',
    to: '2027-07-31',
    teamId: TEAM,
    practitionerId: null,
    interventions: 6,
    interventionsWithCompleteScores: 5,
    interventionsWithMissingScores: 1,
    familyFeedbackReceived: 4,
    interventionsWithChangeMeasured: 5,
    improvedInOneOrMoreAreas: 5,
    noChangeInOneOrMoreAreas: 2,
    regressedInOneOrMoreAreas: 0,
    measures: [
      {
        measureId: 'family-child-enjoys-school',
        category: 'family',
        title: 'Child(ren) and young people feel they enjoy school',
        timesSelected: 4,
        averageStart: 3.5,
        averageReview: 5.25,
        averageEnd: 7.13,
        averageChange: 3.63,
        changeMeasured: 4,
        improved: 4,
        noChange: 0,
        regressed: 0,
      },
    ],
  },
}
