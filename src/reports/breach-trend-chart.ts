import type { BreachTrend } from './breach-trend.schemas.js'

/** The chart's series, in stacking order, with the colours a reader expects of them. */
export const TREND_SERIES = [
  { key: 'met', name: 'Met', colour: '#2e7d32' },
  { key: 'metLate', name: 'Met late', colour: '#f9a825' },
  { key: 'missed', name: 'Missed', colour: '#c62828' },
  { key: 'overdue', name: 'Overdue', colour: '#6a1b9a' },
] as const

/** The totals of each series per period, over every row (standard or team) of the period. */
export function trendTotals(trend: BreachTrend): Record<(typeof TREND_SERIES)[number]['key'], number[]> {
  const index = new Map(trend.periods.map((p, i) => [p, i]))
  const totals = Object.fromEntries(TREND_SERIES.map((s) => [s.key, trend.periods.map(() => 0)])) as Record<(typeof TREND_SERIES)[number]['key'], number[]>
  for (const row of trend.rows) {
    const i = index.get(row.period)
    if (i === undefined) continue
    for (const s of TREND_SERIES) totals[s.key][i] += row[s.key]
  }
  return totals
}

/**
 * The trend as an SVG chart a manager can paste into a report: stacked bars of met, met late, missed and
 * overdue clocks per period, rendered on the server by Apache ECharts (its SVG renderer, no canvas).
 */
export async function renderTrendSvg(trend: BreachTrend, title: string): Promise<string> {
  // Loaded on the first chart asked for: the library adds about 40 MB to a process that never draws one.
  const echarts = await import('echarts')
  const totals = trendTotals(trend)
  const width = Math.max(640, 80 + trend.periods.length * 36)
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height: 420 })
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      title: { text: title, subtext: `Clocks by due ${trend.interval}, ${trend.from} to ${trend.to}; verdicts as of ${trend.asOf}`, left: 'center' },
      legend: { bottom: 0, data: TREND_SERIES.map((s) => s.name) },
      grid: { top: 70, bottom: 70, left: 50, right: 20 },
      xAxis: {
        type: 'category',
        data: trend.periods.map((p) => (trend.interval === 'month' ? p.slice(0, 7) : p)),
        axisLabel: { rotate: trend.periods.length > 12 ? 45 : 0 },
      },
      yAxis: { type: 'value', name: 'Clocks', minInterval: 1 },
      series: TREND_SERIES.map((s) => ({ name: s.name, type: 'bar', stack: 'verdicts', itemStyle: { color: s.colour }, data: totals[s.key] })),
    })
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}
