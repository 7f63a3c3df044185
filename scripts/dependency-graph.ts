// `npm run deps`: the folders of src/ and which import which (type imports too), in the layers of
// docs/architecture.md, with any import that points up a layer or closes a circle. The architecture test
// runs the same checks.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

/**
 * The layers, bottom first: a folder may import its own layer or those below, never above, and no two
 * folders may import each other, directly or round a circle. Resources (layer 6) may use each other's
 * services, schemas, tables and lifecycles, never their repositories or routes.
 */
export const LAYERS: Record<string, number> = {
  calendar: 0,
  sla: 1,
  schema: 2,
  'context.ts': 2,
  'config.ts': 2,
  'logger.ts': 2,
  db: 3,
  http: 4,
  'sla-clocks': 5,
  events: 5,
  jobs: 5,
  'working-calendars': 5,
  'external-refs': 5,
  'app.ts': 7,
  'server.ts': 7,
  'openapi.ts': 7,
}
const RESOURCE = 6
/** What the pure core may import besides itself: nothing of the database, HTTP or the environment. */
export const PURE = ['calendar', 'sla']
const PURE_PACKAGES = ['luxon', '@sinclair/typebox', 'ajv']
/** The exception the layers allow: the pure SLA core uses the shared schema helpers (layer 2). */
const ALLOWED_UP = new Set(['sla->schema'])

export const layerOf = (unit: string) => LAYERS[unit] ?? RESOURCE

export interface Edge {
  from: string
  to: string
  /** file -> imported file, for each import behind the edge. */
  imports: string[]
}

/** The unit a file of src/ belongs to: its top folder, or the file itself at the top. */
const unitOf = (srcDir: string, file: string) => path.relative(srcDir, file).split(path.sep)[0]

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return entry.name.endsWith('.ts') ? [full] : []
  })
}

/** Every import and re-export of src/, type-only ones included, as unit-to-unit edges and package imports. */
export function readGraph(srcDir: string): { units: string[]; edges: Edge[]; packages: Map<string, Set<string>> } {
  const edges = new Map<string, Edge>()
  const packages = new Map<string, Set<string>>()
  const units = new Set<string>()
  for (const file of sourceFiles(srcDir)) {
    const from = unitOf(srcDir, file)
    units.add(from)
    for (const { fileName: spec } of ts.preProcessFile(readFileSync(file, 'utf8'), true, false).importedFiles) {
      if (!spec.startsWith('.')) {
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]
        if (!spec.startsWith('node:')) packages.set(from, (packages.get(from) ?? new Set()).add(name))
        continue
      }
      const target = path.resolve(path.dirname(file), spec)
      if (!target.startsWith(srcDir + path.sep)) continue
      const to = unitOf(srcDir, target.replace(/\.js$/, '.ts'))
      if (to === from) continue
      const key = `${from}->${to}`
      const edge = edges.get(key) ?? { from, to, imports: [] }
      edge.imports.push(`${path.relative(srcDir, file)} -> ${path.relative(srcDir, target)}`)
      edges.set(key, edge)
    }
  }
  return { units: [...units].sort(), edges: [...edges.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to)), packages }
}

/** The circles among units (strongly connected components of more than one unit), by Tarjan's algorithm. */
export function circles(units: string[], edges: Edge[]): string[][] {
  const next = new Map(units.map((u) => [u, edges.filter((e) => e.from === u).map((e) => e.to)]))
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const found: string[][] = []
  let counter = 0
  /** Every unit read here has been visited, so it has an index and a low-link. */
  const visitedValue = (map: Map<string, number>, u: string): number => {
    const value = map.get(u)
    if (value === undefined) throw new Error(`${u} has not been visited`)
    return value
  }
  const visit = (u: string) => {
    index.set(u, counter)
    low.set(u, counter++)
    stack.push(u)
    for (const v of next.get(u) ?? []) {
      if (!index.has(v)) {
        visit(v)
        low.set(u, Math.min(visitedValue(low, u), visitedValue(low, v)))
      } else if (stack.includes(v)) low.set(u, Math.min(visitedValue(low, u), visitedValue(index, v)))
    }
    if (low.get(u) === index.get(u)) {
      const component: string[] = []
      for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
        component.push(w)
        if (w === u) break
      }
      if (component.length > 1) found.push(component.sort())
    }
  }
  for (const u of units) if (!index.has(u)) visit(u)
  return found
}

/** Imports that break the layers: up a layer, into the pure core from outside packages, or into another resource's repository or routes. */
export function violations(graph: ReturnType<typeof readGraph>): string[] {
  const found: string[] = []
  for (const edge of graph.edges) {
    if (layerOf(edge.to) > layerOf(edge.from) && !ALLOWED_UP.has(`${edge.from}->${edge.to}`)) {
      found.push(`${edge.from} (layer ${layerOf(edge.from)}) imports ${edge.to} (layer ${layerOf(edge.to)}): ${edge.imports.join(', ')}`)
    }
    if (layerOf(edge.from) === RESOURCE && layerOf(edge.to) === RESOURCE) {
      for (const imp of edge.imports.filter((i) => /\.(repository|routes)\.js$/.test(i)))
        found.push(`${edge.from} uses another resource's repository or routes: ${imp}`)
    }
  }
  for (const unit of PURE) {
    for (const name of graph.packages.get(unit) ?? []) if (!PURE_PACKAGES.includes(name)) found.push(`the pure ${unit}/ imports the package ${name}`)
  }
  return found
}

function main() {
  const srcDir = path.resolve('src')
  const graph = readGraph(srcDir)
  const byLayer = [...new Set(graph.units.map(layerOf))].sort((a, b) => b - a)
  for (const layer of byLayer) {
    console.log(`layer ${layer}`)
    for (const unit of graph.units.filter((u) => layerOf(u) === layer)) {
      const to = graph.edges.filter((e) => e.from === unit).map((e) => e.to)
      console.log(`  ${unit.padEnd(18)} -> ${to.join(', ') || '(nothing)'}`)
    }
  }
  const found = circles(graph.units, graph.edges)
  const broken = violations(graph)
  console.log(`\n${graph.units.length} units, ${graph.edges.length} edges, ${found.length} circles, ${broken.length} layer violations`)
  for (const circle of found) console.log(`circle: ${circle.join(' <-> ')}`)
  for (const v of broken) console.log(`violation: ${v}`)
  if (found.length || broken.length) process.exitCode = 1
}

if (import.meta.url === `file://${process.argv[1]}`) main()
