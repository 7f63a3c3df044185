import path from 'node:path'
import t from 'tap'
import { circles, layerOf, readGraph, violations } from '../../scripts/dependency-graph.js'

const graph = readGraph(path.resolve('src'))

t.test('no two folders of src/ import each other, directly or round a circle (type imports count)', async (t) => {
  t.ok(graph.edges.length > 50, `the graph was read: ${graph.units.length} units, ${graph.edges.length} edges`)
  t.same(circles(graph.units, graph.edges), [])
})

t.test('imports point down the layers of architecture.md; the pure core imports no database, HTTP or framework', async (t) => {
  t.same(violations(graph), [])
  for (const edge of graph.edges.filter((e) => e.from === 'calendar' || e.from === 'sla')) {
    t.ok(['calendar', 'sla', 'schema'].includes(edge.to), `${edge.from} -> ${edge.to}`)
  }
  t.ok(layerOf('db') < layerOf('http') && layerOf('http') < layerOf('sla-clocks') && layerOf('sla-clocks') < layerOf('families'), 'the layers are in order')
})

t.test('the checks catch what they are for', async (t) => {
  const units = ['a', 'b', 'c']
  const edge = (from: string, to: string) => ({ from, to, imports: [`${from}/x.ts -> ${to}/y.ts`] })
  t.same(circles(units, [edge('a', 'b'), edge('b', 'c'), edge('c', 'a')]), [['a', 'b', 'c']], 'a circle of three')
  t.same(circles(units, [edge('a', 'b'), edge('b', 'c')]), [], 'a line is no circle')
  const up = violations({ units: ['db', 'families'], edges: [edge('db', 'families')], packages: new Map() })
  t.match(up, [/db \(layer 3\) imports families \(layer 6\)/], 'an import up a layer')
  const impure = violations({ units: ['sla'], edges: [], packages: new Map([['sla', new Set(['kysely'])]]) })
  t.match(impure, [/the pure sla\/ imports the package kysely/], 'the database in the pure core')
  const repository = violations({
    units: ['families', 'teams'],
    edges: [{ from: 'families', to: 'teams', imports: ['families/f.ts -> teams/team.repository.js'] }],
    packages: new Map(),
  })
  t.match(repository, [/another resource's repository/], "another resource's repository")
})
