/** Examples of the outcome score schemas, for the reference page and the SDK (validated against their schemas by a test). */
import { INTERVENTION } from '../schema/example-ids.js'

export const outcomeScoreCreate = {
  measureId: 'family-child-enjoys-school',
  phase: 'start',
  perspective: 'child',
  score: 3,
  recordedAt: '2027-01-12T11:00:00Z',
  notes: 'Sam: “school is OK when I’m not late”',
}

export const outcomeScore = {
  id: '0193b1de-c4d5-7e6f-8091-a2b3c4d5e6f7',
  interventionId: INTERVENTION,
  ...outcomeScoreCreate,
  recordedAt: '2027-01-12T11:00:00.000Z',
  createdAt: '2027-01-12T11:20:15.904Z',
  updatedAt: '2027-01-12T11:20:15.904Z',
  version: 1,
}

export const OUTCOME_SCORE_EXAMPLES: Record<string, unknown> = {
  OutcomeMeasureSelectionCreate: {
    measureIds: ['family-child-enjoys-school', 'family-parent-child-enjoys-school', 'baseline-engagement-sustained'],
    selectedBy: ['family', 'practitioner'],
    selectedAt: '2027-01-12T11:00:00Z',
  },
  OutcomeScoreCreate: outcomeScoreCreate,
  OutcomeScore: outcomeScore,
  OutcomeScoreList: { items: [outcomeScore] },
  OutcomeScoreCorrection: {
    correctedBy: 'Ana Morris',
    reason: 'Sam’s score was entered as 8; he gave 3',
    score: 3,
    notes: 'Sam: “school is OK when I’m not late”',
  },
}
