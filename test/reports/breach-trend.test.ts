import { XMLParser } from 'fast-xml-parser'
import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aPractitioner, aTeam } from '../helpers/builders.js'
import { aCaseLine, ndjson } from '../imports/case-line.js'

const VERDICTS = { met: 'met', met_late: 'metLate', missed: 'missed', overdue: 'overdue' } as const

t.test('the trend counts each clock due in the range by month and verdict, as JSON, CSV and an SVG chart', async (t) => {
  const app = await buildTestApp(t)
  const team = await aTeam(app, { name: 'Northern Targeted Response' })
  const practitioner = await aPractitioner(app, team.id, { caseloadCapacity: 30 })
  const whole = aCaseLine(team.id, practitioner.id)
  const late = aCaseLine(team.id, practitioner.id, { allocatedAt: '2027-01-12T09:00:00Z', escalations: [] })
  late.requests[0].allocation.caseDiscussion.heldAt = '2027-01-13T10:00:00Z'
  late.requests[0].allocation.jointVisit.heldAt = '2027-01-14T10:00:00Z'
  late.requests[0].allocation.intervention.startedAt = '2027-01-15T10:00:00Z'
  late.requests[0].allocation.intervention.contacts = []
  const waiting = aCaseLine(team.id, practitioner.id, { escalations: [] })
  const { decision: _d, allocation: _a, ...received } = waiting.requests[0]
  waiting.requests = [received as (typeof waiting.requests)[number]]
  const imported = await app.call({
    method: 'POST',
    url: '/imports',
    headers: { 'content-type': 'application/x-ndjson' },
    payload: ndjson([whole, late, waiting]),
  })
  t.match(imported.json(), { created: 3, failed: 0 }, imported.body)

  // What the trend must say, from the clocks as the API shows them one by one.
  const expected = new Map<string, Record<string, number>>()
  for (const { familyId } of imported.json().results.filter((r: { familyId: string | null }) => r.familyId)) {
    const clocks = (await app.call({ method: 'GET', url: `/sla-clocks?familyId=${familyId}&limit=500` })).json().items
    for (const c of clocks) {
      const verdict = VERDICTS[c.status as keyof typeof VERDICTS]
      if (!verdict || c.dueDate < '2026-12-01' || c.dueDate > '2027-01-31') continue
      const key = `${c.dueDate.slice(0, 7)}-01 ${c.standard}`
      const row = expected.get(key) ?? { met: 0, metLate: 0, missed: 0, overdue: 0 }
      row[verdict]++
      expected.set(key, row)
    }
  }
  t.ok([...expected.values()].some((r) => r.overdue > 0) && [...expected.values()].some((r) => r.met > 0), 'the cases have met and overdue clocks')

  const url = `/reports/breaches/trend?from=2026-12-01&to=2027-01-31&interval=month&groupBy=standard&teamId=${team.id}`
  const res = await app.call({ method: 'GET', url })
  t.equal(res.statusCode, 200, res.body)
  const trend = res.json()
  t.same(trend.periods, ['2026-12-01', '2027-01-01'])
  const got = new Map<string, Record<string, number>>(
    trend.rows.map((r: Record<string, number>) => [`${r.period} ${r.key}`, { met: r.met, metLate: r.metLate, missed: r.missed, overdue: r.overdue }]),
  )
  for (const [key, counts] of got) if (Object.values(counts).every((n) => n === 0)) got.delete(key)
  t.same(Object.fromEntries(got), Object.fromEntries(expected))

  const byTeam = (await app.call({ method: 'GET', url: url.replace('groupBy=standard', 'groupBy=team') })).json()
  t.ok(byTeam.rows.length > 0 && byTeam.rows.every((r: { key: string; label: string }) => r.key === team.id && r.label === 'Northern Targeted Response'))

  const csv = await app.call({ method: 'GET', url, headers: { accept: 'text/csv' } })
  t.match(csv.headers['content-type'], /^text\/csv/)
  t.ok(csv.body.startsWith('\uFEFF"Period starting"') || csv.body.startsWith('\uFEFFPeriod starting'), csv.body.slice(0, 60))
  t.equal(csv.body.trim().split('\r\n').length, trend.rows.length + 1)

  // The chart: one series per verdict, one bar per period, each as tall as its total.
  const svg = await app.call({ method: 'GET', url, headers: { accept: 'image/svg+xml' } })
  t.match(svg.headers['content-type'], /^image\/svg\+xml/)
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(svg.body)
  const paths: Record<string, string>[] = [doc.svg.path].flat()
  const bars = paths.filter((p) => p.ecmeta_ssr_type === 'chart')
  const totals = (key: keyof typeof VERDICTS | 'metLate') =>
    trend.periods.map((p: string) =>
      trend.rows.filter((r: { period: string }) => r.period === p).reduce((n: number, r: Record<string, number>) => n + r[key], 0),
    )
  const series = ['met', 'metLate', 'missed', 'overdue'].map((key, i) => ({
    key,
    values: totals(key as 'met'),
    heights: bars.filter((b) => b.ecmeta_series_index === String(i)).map((b) => Number(/l0 (-?[\d.]+)/.exec(b.d)?.[1] ?? Number.NaN)),
  }))
  const scale = series.flatMap((s) => s.values.map((v: number, i: number) => (v > 0 ? -s.heights[i] / v : null))).filter((x) => x !== null) as number[]
  t.ok(scale.length > 0)
  for (const s of series) {
    t.equal(s.heights.length, trend.periods.length, `${s.key}: a bar per period`)
    for (const [i, v] of (s.values as number[]).entries()) t.ok(Math.abs(-s.heights[i] - v * scale[0]) < 1, `${s.key} ${trend.periods[i]}: height for ${v}`)
  }
  const texts = [doc.svg.text].flat().map((x: string | { '#text': string }) => (typeof x === 'string' ? x : String(x['#text'])))
  for (const name of ['Met', 'Met late', 'Missed', 'Overdue']) t.ok(texts.includes(name), `legend names ${name}`)
})

t.test('the range is checked', async (t) => {
  const app = await buildTestApp(t)
  const backwards = await app.call({ method: 'GET', url: '/reports/breaches/trend?from=2027-01-01&to=2026-01-01' })
  t.equal(backwards.statusCode, 400)
  t.match(backwards.json().errors, [{ in: 'query', field: 'to' }])
  const long = await app.call({ method: 'GET', url: '/reports/breaches/trend?from=2020-01-01&to=2026-01-01&interval=week' })
  t.equal(long.statusCode, 400)
})
