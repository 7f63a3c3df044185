/** Examples of the breach trend, for the reference page (validated against their schemas by a test). */
const row = { period: '2026-11-01', key: 'allocation', label: 'allocation', met: 41, metLate: 6, missed: 1, overdue: 2 }

export const TREND_EXAMPLES: Record<string, unknown> = {
  BreachTrendRow: row,
  BreachTrend: {
    from: '2026-10-01',
    to: '2026-11-30',
    interval: 'month',
    groupBy: 'standard',
    asOf: '2026-11-29T12:00:00.000Z',
    periods: ['2026-10-01', '2026-11-01'],
    teamId: null,
    rows: [{ ...row, period: '2026-10-01', met: 52, metLate: 4, missed: 0, overdue: 0 }, row],
  },
}
