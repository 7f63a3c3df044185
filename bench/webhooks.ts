import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import os from 'node:os'
import { parseArgs } from 'node:util'
import { startApi } from './api-process.js'

const { values: args } = parseArgs({
  options: { subscriptions: { type: 'string', default: '10' }, rate: { type: 'string', default: '30' }, seconds: { type: 'string', default: '20' } },
})
const SUBSCRIPTIONS = Number(args.subscriptions)
const RATE = Number(args.rate)
const SECONDS = Number(args.seconds)
const PORT = Number(process.env.PORT || 3320)
const DRAIN_MS = 30_000
const GOALS = { throughput: 200, p95Ms: 2000, throughputRatio: 0.9, latencyRatio: 1.1 }

interface Receipt {
  sub: number
  eventId: number
  position: string
  recordedAt: number
  receivedAt: number
}

// ---------------------------------------------------------------------------------------------------
// Receivers
// ---------------------------------------------------------------------------------------------------

const receipts: Receipt[] = []
const healthy = createServer((req, res) => {
  let raw = ''
  req.on('data', (c) => (raw += c))
  req.on('end', () => {
    const receivedAt = Date.now()
    const body = JSON.parse(raw) as { timestamp: string; data: { id: number; position: string } }
    receipts.push({
      sub: Number(req.url?.split('/').pop()),
      eventId: body.data.id,
      position: body.data.position,
      recordedAt: Date.parse(body.timestamp),
      receivedAt,
    })
    res.writeHead(204).end()
  })
})
let hangingRequests = 0
const hanging = createServer(() => {
  hangingRequests++
})
const listen = (server: Server, port: number) => new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve))

// ---------------------------------------------------------------------------------------------------
// The API
// ---------------------------------------------------------------------------------------------------

const key = `bench_${randomBytes(24).toString('base64url')}`
const base = `http://127.0.0.1:${PORT}`
async function post<T>(pathname: string, body: unknown): Promise<T> {
  const res = await fetch(`${base}${pathname}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  const text = await res.text()
  if (res.status !== 201) throw new Error(`POST ${pathname}: ${res.status} ${text.slice(0, 300)}`)
  return JSON.parse(text) as T
}

const family = (teamId: string, n: number) => ({
  teamId,
  reference: `BENCH-${n}`,
  tier: 3,
  plan: 'early_help',
  members: [{ givenName: 'Child', familyName: String(n), dateOfBirth: '2015-03-01', role: 'child' }],
})

// ---------------------------------------------------------------------------------------------------
// Phases and measures
// ---------------------------------------------------------------------------------------------------

interface Measures {
  expected: number
  delivered: number
  missing: number
  duplicates: number
  outOfOrder: number
  perSecond: number
  p50: number
  p95: number
  max: number
  mean: number
}

let serial = 0
/** Creates families at RATE a second for `seconds`, then waits for every healthy delivery; returns the event ids made. */
async function runPhase(teamId: string, seconds = SECONDS): Promise<number[]> {
  const creations: Promise<{ id: string }>[] = []
  const started = performance.now()
  for (let i = 0; i < RATE * seconds; i++) {
    const due = started + (i * 1000) / RATE
    const wait = due - performance.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    creations.push(post<{ id: string }>('/families', family(teamId, ++serial)))
  }
  const ids = new Set((await Promise.all(creations)).map((f) => f.id))
  console.log(`  ${ids.size} families created in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  // The event ids of this phase's family.created events, from the feed.
  const events: number[] = []
  let cursor: string | null = null
  do {
    const res = await fetch(`${base}/events?type=family.created&limit=500${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${key}` } })
    const page = (await res.json()) as { items: { id: number; subjectId: string }[]; nextCursor: string | null }
    for (const e of page.items) if (ids.has(e.subjectId)) events.push(e.id)
    cursor = page.nextCursor
  } while (cursor)
  const wanted = new Set(events)
  const deadline = Date.now() + DRAIN_MS
  while (Date.now() < deadline && receipts.filter((r) => wanted.has(r.eventId)).length < wanted.size * SUBSCRIPTIONS)
    await new Promise((r) => setTimeout(r, 100))
  return events
}

/** Feed positions compare as (transaction, event id). */
const byPosition = (a: string, b: string) => {
  const [ta, ia] = a.split('-').map(BigInt)
  const [tb, ib] = b.split('-').map(BigInt)
  return ta !== tb ? (ta < tb ? -1 : 1) : ia < ib ? -1 : ia > ib ? 1 : 0
}

const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN

function measure(events: number[]): Measures {
  const wanted = new Set(events)
  const mine = receipts.filter((r) => wanted.has(r.eventId))
  let duplicates = 0
  let outOfOrder = 0
  for (let sub = 0; sub < SUBSCRIPTIONS; sub++) {
    const seen = new Set<number>()
    let latest: string | null = null
    for (const r of mine.filter((x) => x.sub === sub)) {
      if (seen.has(r.eventId)) duplicates++
      seen.add(r.eventId)
      if (latest !== null && byPosition(r.position, latest) < 0) outOfOrder++
      else latest = r.position
    }
  }
  const unique = new Set(mine.map((r) => `${r.sub}:${r.eventId}`)).size
  const latencies = mine.map((r) => r.receivedAt - r.recordedAt).sort((a, b) => a - b)
  const span = (Math.max(...mine.map((r) => r.receivedAt)) - Math.min(...mine.map((r) => r.recordedAt))) / 1000
  return {
    expected: events.length * SUBSCRIPTIONS,
    delivered: mine.length,
    missing: events.length * SUBSCRIPTIONS - unique,
    duplicates,
    outOfOrder,
    perSecond: mine.length / span,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: latencies[latencies.length - 1],
    mean: latencies.reduce((a, b) => a + b, 0) / latencies.length,
  }
}

function report(before: Measures, withHang: Measures, after: Measures): boolean {
  const baseline = { ...before, perSecond: (before.perSecond + after.perSecond) / 2, mean: (before.mean + after.mean) / 2, p95: (before.p95 + after.p95) / 2 }
  const row = (name: string, m: Measures) =>
    `${name.padEnd(26)} ${String(m.expected).padStart(8)} ${String(m.delivered).padStart(9)} ${m.perSecond.toFixed(1).padStart(8)} ${m.p50.toFixed(0).padStart(7)} ${m.p95.toFixed(0).padStart(7)} ${m.max.toFixed(0).padStart(7)} ${m.mean.toFixed(1).padStart(8)} ${String(m.outOfOrder).padStart(6)} ${String(m.duplicates).padStart(5)} ${String(m.missing).padStart(7)}`
  console.log(`\n${'phase (healthy receivers)'.padEnd(26)} expected delivered  deliv/s  p50 ms  p95 ms  max ms  mean ms  order  dups missing`)
  console.log(row('baseline', before))
  console.log(row('with a hanging subscriber', withHang))
  console.log(row('baseline again', after))
  const throughputRatio = withHang.perSecond / baseline.perSecond
  const latencyRatio = withHang.mean / baseline.mean
  console.log(
    `\nwith the hanging subscriber / mean of the baselines: throughput ${throughputRatio.toFixed(3)}, mean latency ${latencyRatio.toFixed(3)}, p95 latency ${(withHang.p95 / baseline.p95).toFixed(3)}; the hanging receiver got ${hangingRequests} request(s)`,
  )
  const checks: [string, boolean][] = []
  for (const [name, m] of [
    ['baseline', before],
    ['hanging', withHang],
    ['baseline again', after],
  ] as const) {
    checks.push([`${name}: deliveries/s ${m.perSecond.toFixed(1)} >= ${GOALS.throughput}`, m.perSecond >= GOALS.throughput])
    checks.push([`${name}: p95 ${m.p95.toFixed(0)} ms <= ${GOALS.p95Ms} ms`, m.p95 <= GOALS.p95Ms])
    checks.push([`${name}: every delivery made once, in feed order`, m.outOfOrder === 0 && m.duplicates === 0 && m.missing === 0])
  }
  checks.push([
    `healthy throughput with a hanging subscriber ${(throughputRatio * 100).toFixed(1)}% >= ${(GOALS.throughputRatio * 100).toFixed(0)}%`,
    throughputRatio >= GOALS.throughputRatio,
  ])
  checks.push([
    `healthy mean latency with a hanging subscriber ${(latencyRatio * 100).toFixed(1)}% <= ${(GOALS.latencyRatio * 100).toFixed(0)}%`,
    latencyRatio <= GOALS.latencyRatio,
  ])
  checks.push(['the hanging subscriber was really called', hangingRequests > 0])
  console.log('')
  for (const [what, ok] of checks) console.log(`${ok ? 'pass' : 'FAIL'}  ${what}`)
  return checks.every(([, ok]) => ok)
}

async function main() {
  await listen(healthy, PORT + 1)
  await listen(hanging, PORT + 2)
  const api = await startApi({ port: PORT, adminKey: key, env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' }, dataDirPrefix: 'fw-bench-webhooks-' })
  try {
    console.log(
      `${SUBSCRIPTIONS} healthy subscriptions, ${RATE} events/s for ${SECONDS} s per phase (${SUBSCRIPTIONS * RATE} deliveries/s offered); load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} on ${os.cpus().length} CPUs`,
    )
    const team = await post<{ id: string }>('/teams', { name: 'Bench team', calendarId: 'england-and-wales', standardsPreset: 'early-help' })
    for (let i = 0; i < SUBSCRIPTIONS; i++)
      await post('/webhooks', { name: `healthy ${i}`, url: `http://127.0.0.1:${PORT + 1}/hook/${i}`, eventTypes: ['family.created'] })
    // Warm-up, not measured: the server's first requests compile code and fill caches.
    await runPhase(team.id, 5)
    const before = measure(await runPhase(team.id))
    const hung = await post<{ id: string }>('/webhooks', { name: 'hanging', url: `http://127.0.0.1:${PORT + 2}/hook`, eventTypes: ['family.created'] })
    const withHang = measure(await runPhase(team.id))
    const deleted = await fetch(`${base}/webhooks/${hung.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${key}` } })
    if (deleted.status !== 204) throw new Error(`DELETE /webhooks/${hung.id}: ${deleted.status}`)
    const after = measure(await runPhase(team.id))
    process.exitCode = report(before, withHang, after) ? 0 : 1
  } finally {
    await api.stop()
    healthy.closeAllConnections()
    hanging.closeAllConnections()
    healthy.close()
    hanging.close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
