/** Examples of the correction schemas, for the reference page and the SDK (validated against their schemas by a test). */
export const CORRECTION_EXAMPLES: Record<string, unknown> = {
  CorrectionList: {
    items: [
      {
        id: '0193b1de-c4d6-7000-8000-000000000001',
        version: 1,
        previous: { measureId: 'family-child-enjoys-school', phase: 'start', perspective: 'child', score: 8, notes: null },
        correctedBy: 'Ana Morris',
        reason: 'Sam’s score was entered as 8; he gave 3',
        correctedAt: '2027-01-13T09:12:44.120Z',
      },
    ],
  },
}
