/**
 * Fills a running API with realistic whole cases, so the README tour has something to show:
 *
 *   ADMIN_API_KEY=<key> npm run demo -- [--url http://127.0.0.1:3000] [--cases 60]
 *
 * Through the API only: it makes (or finds) a demo team with four practitioners, then imports `--cases`
 * generated case histories (POST /imports): families with a request, a decision, an allocation with its
 * case discussion and joint visit, an intervention with contacts and a review, most of them ended, some
 * still open, a few declined, some with an escalation. Running it again skips what is there. It prints
 * the import's outcome and one case to follow through the tour.
 */
import { parseArgs } from 'node:util'
import { generatedCase } from './demo/cases.js'

const { values: args } = parseArgs({
  options: { url: { type: 'string', default: `http://127.0.0.1:${process.env.PORT || 3000}` }, cases: { type: 'string', default: '60' } },
})
const key = process.env.ADMIN_API_KEY
if (!key) {
  console.error('Set ADMIN_API_KEY to an admin key of the API (the one `npm start` printed, or the one you set).')
  process.exit(2)
}
const TEAM = 'Demo Targeted Response Team'

async function call<T>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
  const res = await fetch(`${args.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`)
  return JSON.parse(text) as T
}

interface Page<T> {
  items: T[]
  nextCursor: string | null
}

async function demoTeam() {
  const teams = await call<Page<{ id: string; name: string }>>('GET', '/teams?limit=500')
  const found = teams.items.find((t) => t.name === TEAM)
  if (found) return found
  return call<{ id: string }>('POST', '/teams', { name: TEAM, calendarId: 'england-and-wales', standardsPreset: 'trt', caseloadCapacity: 12 })
}

async function practitioners(teamId: string) {
  const names = ['Ana Okafor', 'Ben Hughes', 'Chloe Singh', 'Dev Patel']
  const existing = await call<Page<{ id: string; name: string }>>('GET', `/practitioners?teamId=${teamId}&limit=500`)
  const ids: string[] = []
  for (const name of names) {
    const found = existing.items.find((p) => p.name === name)
    ids.push(found ? found.id : (await call<{ id: string }>('POST', '/practitioners', { teamId, name, role: 'practitioner', caseloadCapacity: 12 })).id)
  }
  return ids
}

const team = await demoTeam()
const workers = await practitioners(team.id)
const lines = Array.from({ length: Number(args.cases) }, (_, n) => JSON.stringify(generatedCase(n + 1, team.id, workers, 'demo')))
interface LineResult {
  line: number
  outcome: string
  problem: { detail: string } | null
}
interface ImportAnswer {
  id?: string
  status?: string
  created: number
  skipped: number
  failed: number
  results: LineResult[]
  nextCursor?: string | null
}

/** A file over the API's IMPORT_ASYNC_LINES is answered 202 and applied by the job queue: poll it to the end, keeping every line's result. */
async function finished(first: ImportAnswer): Promise<ImportAnswer> {
  if (!first.id || first.status === undefined) return first
  const results: LineResult[] = []
  let answer = first
  let cursor: string | null | undefined
  for (;;) {
    answer = await call<ImportAnswer>('GET', `/imports/${first.id}?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
    results.push(...answer.results)
    if (answer.results.length > 0) cursor = answer.nextCursor ?? cursor
    if ((answer.status === 'completed' || answer.status === 'failed') && !answer.nextCursor) return { ...answer, results }
    if (answer.results.length === 0) await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

const result = await finished(await call<ImportAnswer>('POST', '/imports', `${lines.join('\n')}\n`, 'application/x-ndjson'))
console.log(`${TEAM} (${team.id}): ${result.created} cases created, ${result.skipped} already there, ${result.failed} failed`)
for (const r of result.results.filter((r) => r.outcome === 'failed')) console.log(`  line ${r.line}: ${r.problem?.detail}`)
const [family] = (await call<Page<{ id: string; reference: string }>>('GET', '/families?externalRef=demo%7CF1')).items
if (family) console.log(`A case to follow: family ${family.reference} (${family.id}), external reference demo|F1, request demo|R1`)
