import { randomBytes } from 'node:crypto'
import os from 'node:os'
import { parseArgs } from 'node:util'
import { Agent, fetch as fetchWith } from 'undici'
import { generatedCase } from '../scripts/demo/cases.js'
import { startApi } from './api-process.js'

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '10000' },
    file: { type: 'string', default: '1000' },
    baseline: { type: 'string', default: '100' },
    parallel: { type: 'string', default: '1' },
  },
})
const CASES = Number(args.cases)
const FILE = Number(args.file)
const BASELINE = Number(args.baseline)
const PARALLEL = Number(args.parallel)
const PORT = Number(process.env.PORT || 3330)
/** A file of cases takes longer than fetch's default five minutes to answer on a busy machine. */
const dispatcher = new Agent({ headersTimeout: 0, bodyTimeout: 0 })
const key = `bench_${randomBytes(24).toString('base64url')}`
const base = `http://127.0.0.1:${PORT}`

async function call<T>(method: string, pathname: string, body: unknown, contentType = 'application/json'): Promise<T> {
  const res = await fetchWith(`${base}${pathname}`, {
    dispatcher,
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': contentType },
    body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await res.text()
  if (res.status >= 300) throw new Error(`${method} ${pathname}: ${res.status} ${text.slice(0, 500)}`)
  return JSON.parse(text) as T
}
const post = <T = { id: string }>(pathname: string, body: unknown) => call<T>('POST', pathname, body)

/** One generated case entered call by call, as a case system would without the import. */
async function enterByHand(c: ReturnType<typeof generatedCase>) {
  const family = await post('/families', c.family)
  for (const { decision, allocation, ...request } of c.requests) {
    const made = await post('/service-requests', { ...request, familyId: family.id, teamId: c.family.teamId })
    await post(`/service-requests/${made.id}/decision`, decision)
    if (!allocation) continue
    const { caseDiscussion, jointVisit, intervention, ...fields } = allocation
    const allocated = await post('/allocations', { ...fields, serviceRequestId: made.id })
    await post(`/allocations/${allocated.id}/case-discussion`, caseDiscussion)
    await post(`/allocations/${allocated.id}/joint-visit`, jointVisit)
    const started = await post('/interventions', { allocationId: allocated.id, startedAt: intervention.startedAt })
    for (const contact of intervention.contacts) await post(`/interventions/${started.id}/contacts`, contact)
    for (const review of intervention.reviews) await post(`/interventions/${started.id}/reviews`, review)
    if (intervention.end) await post(`/interventions/${started.id}/end`, intervention.end)
  }
  for (const escalation of c.escalations) await post('/escalations', { ...escalation, familyId: family.id, teamId: c.family.teamId })
}

interface ImportResult {
  created: number
  skipped: number
  failed: number
  results: { line: number; outcome: string; problem: { detail: string } | null }[]
}

interface QueuedImport extends ImportResult {
  id: string
  status: 'queued' | 'running' | 'completed' | 'failed'
  nextCursor: string | null
}

/**
 * Sends a file and returns its results once every line is done: at once for a small file, or, for a file
 * the API hands to its job queue (202), by polling `GET /imports/{id}` until it is finished and reading
 * every page of its results. The time this takes is the time from the POST to `completed`.
 */
async function importFile(file: string): Promise<ImportResult> {
  const res = await fetchWith(`${base}/imports`, {
    dispatcher,
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
    body: file,
  })
  const text = await res.text()
  if (res.status === 200) return JSON.parse(text) as ImportResult
  if (res.status !== 202) throw new Error(`POST /imports: ${res.status} ${text.slice(0, 500)}`)
  const location = res.headers.get('location') as string
  let status = JSON.parse(text) as QueuedImport
  while (status.status === 'queued' || status.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 250))
    status = await call<QueuedImport>('GET', `${location}?limit=1`, undefined)
  }
  if (status.status === 'failed') throw new Error(`import ${status.id} failed: ${JSON.stringify(status)}`)
  const results: ImportResult['results'] = []
  let cursor: string | null = null
  do {
    const page: QueuedImport = await call<QueuedImport>('GET', `${location}?limit=1000${cursor ? `&cursor=${cursor}` : ''}`, undefined)
    results.push(...page.results)
    cursor = page.nextCursor
  } while (cursor)
  return { created: status.created, skipped: status.skipped, failed: status.failed, results }
}

const rate = (cases: number, ms: number) => cases / (ms / 1000)

async function main() {
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${os.cpus().length} cores`,
  )
  const api = await startApi({ port: PORT, adminKey: key, dataDirPrefix: 'fw-bench-import-' })
  let failed = false
  try {
    const team = await post('/teams', { name: 'Import bench team', calendarId: 'england-and-wales', standardsPreset: 'trt', caseloadCapacity: 40 })
    const practitioners: string[] = []
    for (let i = 0; i < 40; i++)
      practitioners.push((await post('/practitioners', { teamId: team.id, name: `Practitioner ${i}`, role: 'practitioner', caseloadCapacity: 40 })).id)

    let started = performance.now()
    for (let n = 0; n < BASELINE; n++) await enterByHand(generatedCase(n, team.id, practitioners, 'byhand'))
    const baselineMs = performance.now() - started
    console.log(`baseline: ${BASELINE} cases call by call in ${(baselineMs / 1000).toFixed(1)} s: ${rate(BASELINE, baselineMs).toFixed(1)} cases/s`)

    const files: string[] = []
    for (let from = 0; from < CASES; from += FILE) {
      const lines: string[] = []
      for (let n = from; n < Math.min(CASES, from + FILE); n++) lines.push(JSON.stringify(generatedCase(n, team.id, practitioners)))
      files.push(`${lines.join('\n')}\n`)
    }
    let created = 0
    started = performance.now()
    let next = 0
    const sender = async () => {
      for (let i = next++; i < files.length; i = next++) {
        const result = await importFile(files[i])
        created += result.created
        for (const r of result.results.filter((r) => r.outcome === 'failed')) {
          failed = true
          console.log(`file ${i + 1} line ${r.line}: ${r.problem?.detail}`)
        }
        const ms = performance.now() - started
        console.log(`  ${created} cases created after ${(ms / 1000).toFixed(1)} s: ${rate(created, ms).toFixed(1)} cases/s so far`)
      }
    }
    await Promise.all(Array.from({ length: PARALLEL }, sender))
    const importMs = performance.now() - started
    const importRate = rate(CASES, importMs)
    console.log(
      `import: ${CASES} cases in ${files.length} files, ${PARALLEL} at a time, in ${(importMs / 1000).toFixed(1)} s: ${importRate.toFixed(1)} cases/s (${created} created)`,
    )
    console.log(`import against the baseline: ${(importRate / rate(BASELINE, baselineMs)).toFixed(2)}x`)

    started = performance.now()
    const rerun = await importFile(files[0])
    const rerunMs = performance.now() - started
    const lines = rerun.created + rerun.skipped + rerun.failed
    console.log(
      `re-run of the first file: ${rerun.skipped} of ${lines} skipped in ${(rerunMs / 1000).toFixed(1)} s: ${rate(lines, rerunMs).toFixed(1)} cases/s`,
    )
    if (rerun.skipped !== lines) failed = true
  } finally {
    await api.stop()
  }
  if (failed) {
    console.log('FAILED: a line failed, or the re-run did not skip every line')
    process.exit(1)
  }
}

await main()
