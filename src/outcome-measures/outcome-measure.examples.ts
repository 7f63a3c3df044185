/** Examples of the outcome measure schemas, for the reference page and the SDK (validated against their schemas by a test). */
export const outcomeMeasure = {
  id: 'family-child-enjoys-school',
  category: 'family',
  title: 'Child(ren) and young people feel they enjoy school',
  scored: true,
  phases: ['start', 'review', 'end'],
}

export const OUTCOME_MEASURE_EXAMPLES: Record<string, unknown> = {
  OutcomeMeasureList: {
    items: [
      {
        id: 'baseline-engagement-sustained',
        category: 'baseline',
        title: 'Engagement with support activities sustained for 6 months (or as required dependant on the intervention)',
        scored: false,
        phases: [],
      },
      outcomeMeasure,
    ],
  },
  OutcomeMeasure: outcomeMeasure,
}
