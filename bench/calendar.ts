/**
 * Working-day calendar benchmark: the O(1) tables against the naive day-by-day walk.
 * Every answer is compared; exits with status 1 if any differ. Run with `npm run bench:calendar`.
 */
import os from 'node:os'
import type { NaiveCalendar, WorkingCalendar } from '../src/calendar/index.js'
import { builtInCalendar, DIVISIONS, holidaysForDivision, naiveCalendar } from '../src/calendar/index.js'

const CASES = 1_000_000
const SEED = 0xc0ffee
const MAX_N = 260
const SHORT_SPAN = 400
const LONG_SPAN_SHARE = 0.005
/** The naive walk is slow, so at N = 45 it is timed (and compared) on the first 100,000 cases only. */
const NAIVE_45_CASES = 100_000
const DAY_MS = 86_400_000
const FIRST = Date.UTC(1990, 0, 1)
const LAST_DAY = (Date.UTC(2100, 11, 31) - FIRST) / DAY_MS

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const random = mulberry32(SEED)
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))
const isoOf: string[] = Array.from({ length: LAST_DAY + 1 }, (_, d) => new Date(FIRST + d * DAY_MS).toISOString().slice(0, 10))

const fast: WorkingCalendar[] = DIVISIONS.map((d) => builtInCalendar(d))
const slow: NaiveCalendar[] = DIVISIONS.map((d) => naiveCalendar(holidaysForDivision(d, 1990, 2102).map((h) => h.date)))

const division = new Uint8Array(CASES)
const countFrom: string[] = new Array(CASES)
const countTo: string[] = new Array(CASES)
const addFrom: string[] = new Array(CASES)
const addN = new Int32Array(CASES)
let longSpans = 0
for (let i = 0; i < CASES; i++) {
  division[i] = int(0, DIVISIONS.length - 1)
  const a = int(0, LAST_DAY)
  let b: number
  if (random() < LONG_SPAN_SHARE) {
    b = int(0, LAST_DAY)
    longSpans++
  } else {
    b = Math.min(LAST_DAY, Math.max(0, a + int(-SHORT_SPAN, SHORT_SPAN)))
  }
  countFrom[i] = isoOf[a]
  countTo[i] = isoOf[b]
  addFrom[i] = isoOf[int(0, LAST_DAY)]
  addN[i] = int(0, MAX_N)
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9
}

/** Runs `fn` over `n` cases `runs` times after a warm-up; returns the median time in seconds. */
function timeFast(n: number, runs: number, fn: (i: number) => number): { secs: number; sink: number } {
  let sink = 0
  for (let i = 0; i < Math.min(n, 200_000); i++) sink += fn(i)
  const times: number[] = []
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint()
    for (let i = 0; i < n; i++) sink += fn(i)
    times.push(seconds(start))
  }
  times.sort((x, y) => x - y)
  return { secs: times[Math.floor(runs / 2)], sink }
}

interface Row {
  operation: string
  impl: string
  cases: number
  secs: number
  note?: string
}
const rows: Row[] = []
const mismatchExamples: string[] = []
let mismatches = 0
let compared = 0

function check<T>(label: string, n: number, fastAt: (i: number) => T, slowAt: (i: number) => T, describe: (i: number) => string): number {
  const start = process.hrtime.bigint()
  const expected: T[] = new Array(n)
  for (let i = 0; i < n; i++) expected[i] = slowAt(i)
  const secs = seconds(start)
  for (let i = 0; i < n; i++) {
    const got = fastAt(i)
    if (got !== expected[i]) {
      mismatches++
      if (mismatchExamples.length < 10) mismatchExamples.push(`${label}: ${describe(i)}: fast ${String(got)} naive ${String(expected[i])}`)
    }
  }
  compared += n
  return secs
}

const countFast = (i: number) => fast[division[i]].workingDaysBetween(countFrom[i], countTo[i])
const countSlow = (i: number) => slow[division[i]].workingDaysBetween(countFrom[i], countTo[i])
const addFast = (i: number) => fast[division[i]].addWorkingDays(addFrom[i], addN[i])
const addSlow = (i: number) => slow[division[i]].addWorkingDays(addFrom[i], addN[i])

const t0 = process.hrtime.bigint()
const countTime = timeFast(CASES, 5, countFast)
rows.push({ operation: 'count between two dates', impl: 'fast', cases: CASES, secs: countTime.secs })
const countSlowSecs = check('count', CASES, countFast, countSlow, (i) => `${DIVISIONS[division[i]]} ${countFrom[i]}..${countTo[i]}`)
rows.push({
  operation: 'count between two dates',
  impl: 'naive',
  cases: CASES,
  secs: countSlowSecs,
  note: `spans ±${SHORT_SPAN} days; ${longSpans} spanning 1990–2100`,
})

const addTime = timeFast(CASES, 5, (i) => addFast(i).length)
rows.push({ operation: 'Nth working day after a date', impl: 'fast', cases: CASES, secs: addTime.secs })
const addSlowSecs = check('add', CASES, addFast, addSlow, (i) => `${DIVISIONS[division[i]]} ${addFrom[i]} + ${addN[i]}`)
rows.push({ operation: 'Nth working day after a date', impl: 'naive', cases: CASES, secs: addSlowSecs, note: `N uniform 0..${MAX_N}` })

const N45 = 45
const due45: string[] = new Array(CASES)
for (let i = 0; i < CASES; i++) due45[i] = fast[division[i]].addWorkingDays(addFrom[i], N45)
const add45Fast = timeFast(CASES, 5, (i) => fast[division[i]].addWorkingDays(addFrom[i], N45).length)
const add45SlowSecs = check(
  'add 45',
  NAIVE_45_CASES,
  (i) => due45[i],
  (i) => slow[division[i]].addWorkingDays(addFrom[i], N45),
  (i) => `${addFrom[i]} + 45`,
)
const count45Fast = timeFast(CASES, 5, (i) => fast[division[i]].workingDaysBetween(addFrom[i], due45[i]))
const count45SlowSecs = check(
  'count 45',
  NAIVE_45_CASES,
  () => N45,
  (i) => slow[division[i]].workingDaysBetween(addFrom[i], due45[i]),
  (i) => `${addFrom[i]}..${due45[i]}`,
)
const total = seconds(t0)

const fmt = (x: number) => Math.round(x).toLocaleString('en-GB')
const opsPerSec = (r: { cases: number; secs: number }) => r.cases / r.secs
const pad = (s: string, w: number) => s.padEnd(w)
const lpad = (s: string, w: number) => s.padStart(w)

console.log(`Working-day calendar benchmark — node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`)
console.log(`seed 0x${SEED.toString(16)}, ${fmt(CASES)} random cases per operation, dates 1990-01-01..2100-12-31, divisions mixed`)
console.log('fast = median of 5 timed passes after a warm-up; naive = one pass (one UTC Date per day visited + a Set lookup),')
console.log("and that pass's answers are the ones compared with the fast answers\n")
console.log(`${pad('operation', 30)} ${pad('impl', 6)} ${lpad('cases', 10)} ${lpad('time (s)', 9)} ${lpad('ops/s', 13)}  note`)
console.log('-'.repeat(100))
for (const r of rows) {
  console.log(
    `${pad(r.operation, 30)} ${pad(r.impl, 6)} ${lpad(fmt(r.cases), 10)} ${lpad(r.secs.toFixed(3), 9)} ${lpad(fmt(opsPerSec(r)), 13)}  ${r.note ?? ''}`,
  )
}

const at45 = [
  { operation: 'add 45 working days', fast: CASES / add45Fast.secs, naive: NAIVE_45_CASES / add45SlowSecs },
  { operation: 'count across 45 working days', fast: CASES / count45Fast.secs, naive: NAIVE_45_CASES / count45SlowSecs },
]
console.log(`\nAt N = 45: fast timed on ${fmt(CASES)} random starts; naive timed on the first ${fmt(NAIVE_45_CASES)}, whose answers are compared`)
console.log(`${pad('operation', 30)} ${lpad('fast ops/s', 13)} ${lpad('naive ops/s', 13)} ${lpad('speed-up', 10)}`)
console.log('-'.repeat(70))
for (const r of at45) console.log(`${pad(r.operation, 30)} ${lpad(fmt(r.fast), 13)} ${lpad(fmt(r.naive), 13)} ${lpad(`${(r.fast / r.naive).toFixed(1)}×`, 10)}`)

const fastRates = [opsPerSec(rows[0]), opsPerSec(rows[2]), ...at45.map((r) => r.fast)]
const minSpeedUp = Math.min(...at45.map((r) => r.fast / r.naive))
console.log(`\ntarget ≥ 5,000,000 ops/s for each fast operation: ${Math.min(...fastRates) >= 5e6 ? 'met' : 'MISSED'} (lowest ${fmt(Math.min(...fastRates))})`)
console.log(`target ≥ 20× the naive loop at N = 45: ${minSpeedUp >= 20 ? 'met' : 'MISSED'} (lowest ${minSpeedUp.toFixed(1)}×)`)
console.log(`answers compared: ${fmt(compared)}; mismatches: ${fmt(mismatches)}; total ${total.toFixed(1)} s`)
console.log(`checksum of the timed results: ${countTime.sink + addTime.sink + add45Fast.sink + count45Fast.sink}`)
if (mismatches > 0) {
  console.error(`\nFAIL: the tables and the naive walk disagree on ${fmt(mismatches)} cases, e.g.:\n${mismatchExamples.join('\n')}`)
  process.exit(1)
}
