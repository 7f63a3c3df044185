/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): where the busy time went, by area (our
 * folders, each package, Node itself, garbage collection), the top functions by self time and by
 * inclusive time, and the inclusive time of the functions you name. Shares are of the busy time
 * (everything but idle). `--from`/`--to` keep only the samples in that window, in µs of the monotonic
 * clock the profile's `startTime` uses (`process.hrtime.bigint() / 1000n` on Linux): bench:api prints
 * the window of its measured runs, which leaves out the server's start.
 *
 *   node --import tsx bench/cpuprofile-top.ts <file.cpuprofile> [--top 25] [--match 'registerReadAudit|authenticate'] [--from µs --to µs]
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
  children?: number[]
}

interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
  startTime: number
  endTime: number
}

const SPECIAL = new Set(['(root)', '(program)', '(idle)', '(garbage collector)'])

function shortUrl(url: string): string {
  const file = url.replace(/^file:\/\//, '')
  const modules = file.lastIndexOf('/node_modules/')
  if (modules >= 0) return file.slice(modules + '/node_modules/'.length)
  return file.startsWith(process.cwd()) ? path.relative(process.cwd(), file) : file
}

/** The area a frame belongs to: a folder of src/, a package, Node's own code, or a V8 pseudo-frame. */
function areaOf(frame: ProfileNode['callFrame']): string {
  if (SPECIAL.has(frame.functionName) && !frame.url) return frame.functionName
  const url = shortUrl(frame.url)
  if (!url) return '(native / V8 builtins)'
  if (url.startsWith('node:')) return 'node: (Node.js itself)'
  if (url.startsWith('src/')) return url.split('/').slice(0, 2).join('/')
  if (frame.url.includes('/node_modules/')) {
    const parts = url.split('/')
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]
  }
  return url
}

const keyOf = (frame: ProfileNode['callFrame']) =>
  frame.url
    ? `${frame.functionName || '(anonymous)'}  ${shortUrl(frame.url)}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`
    : `${frame.functionName || '(anonymous)'} (native)`

export interface ProfileSummary {
  totalMs: number
  busyMs: number
  areas: [string, number][]
  self: [string, number][]
  inclusive: [string, number][]
  /** Each sample charged to the innermost function of src/ on its stack (with what it called), else to the leaf's area. */
  bySrcCaller: [string, number][]
}

export interface Window {
  fromUs: number
  toUs: number
}

export function summarise(profile: CpuProfile, window: Window = { fromUs: -Infinity, toUs: Infinity }): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id)
  const self = new Map<string, number>()
  const inclusive = new Map<string, number>()
  const areas = new Map<string, number>()
  const bySrcCaller = new Map<string, number>()
  let total = 0
  let idle = 0
  let at = profile.startTime
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i]
    if (at < window.fromUs || at > window.toUs) return
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000
    total += ms
    const node = byId.get(id)!
    if (node.callFrame.functionName === '(idle)') {
      idle += ms
      return
    }
    const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + ms)
    add(self, keyOf(node.callFrame))
    add(areas, areaOf(node.callFrame))
    const seen = new Set<string>()
    let caller: string | null = null
    for (let frame: number | undefined = id; frame !== undefined; frame = parent.get(frame)) {
      const callFrame = byId.get(frame)!.callFrame
      const key = keyOf(callFrame)
      if (!seen.has(key) && !SPECIAL.has(key)) add(inclusive, key)
      seen.add(key)
      if (caller === null && shortUrl(callFrame.url).startsWith('src/')) caller = key
    }
    add(bySrcCaller, caller ?? `(no src/ frame) ${areaOf(node.callFrame)}`)
  })
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1])
  return { totalMs: total, busyMs: total - idle, areas: sorted(areas), self: sorted(self), inclusive: sorted(inclusive), bySrcCaller: sorted(bySrcCaller) }
}

export function printSummary(summary: ProfileSummary, options: { top: number; match?: RegExp }): void {
  const pct = (ms: number) => `${((100 * ms) / summary.busyMs).toFixed(1).padStart(5)} %`
  const rows = (list: [string, number][]) => list.map(([name, ms]) => `  ${pct(ms)} ${ms.toFixed(0).padStart(7)} ms  ${name}`).join('\n')
  console.log(
    `profiled ${(summary.totalMs / 1000).toFixed(1)} s, busy ${(summary.busyMs / 1000).toFixed(1)} s (${((100 * summary.busyMs) / summary.totalMs).toFixed(0)} %); shares are of the busy time`,
  )
  console.log(`\nby area (self time):\n${rows(summary.areas.slice(0, options.top))}`)
  console.log(`\nby the innermost function of src/ on the stack (with everything it called):\n${rows(summary.bySrcCaller.slice(0, options.top))}`)
  console.log(`\ntop functions by self time:\n${rows(summary.self.slice(0, options.top))}`)
  console.log(`\ntop functions by inclusive time:\n${rows(summary.inclusive.slice(0, options.top))}`)
  if (options.match) {
    const matched = summary.inclusive.filter(([name]) => options.match!.test(name))
    console.log(`\ninclusive time of functions matching ${options.match}:\n${rows(matched.slice(0, options.top)) || '  (none)'}`)
  }
}

export const readProfile = (file: string): CpuProfile => JSON.parse(readFileSync(file, 'utf8')) as CpuProfile

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '25' }, match: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
  })
  if (positionals.length !== 1)
    throw new Error('usage: node --import tsx bench/cpuprofile-top.ts <file.cpuprofile> [--top 25] [--match <regex>] [--from µs --to µs]')
  const window = { fromUs: values.from ? Number(values.from) : -Infinity, toUs: values.to ? Number(values.to) : Infinity }
  printSummary(summarise(readProfile(positionals[0]), window), { top: Number(values.top), match: values.match ? new RegExp(values.match) : undefined })
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main()
