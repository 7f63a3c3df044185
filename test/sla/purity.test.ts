import fs from 'node:fs'
import t from 'tap'

const dir = new URL('../../src/sla/', import.meta.url)
const sources = fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))
const ALLOWED = ['@sinclair/typebox', 'ajv', '../calendar/index.js', '../schema/helpers.js']

t.test('src/sla is pure: no framework, database, clock, environment or I/O', async (t) => {
  t.ok(sources.length >= 10, 'found the module files')
  for (const file of sources) {
    const code = fs.readFileSync(new URL(file, dir), 'utf8')
    const imports = [...code.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1])
    t.same(
      imports.filter((spec) => !spec.startsWith('./') && !ALLOWED.includes(spec)),
      [],
      `${file}: imports`,
    )
    t.notMatch(code, /Date\.now\s*\(/, `${file}: no Date.now()`)
    t.notMatch(code, /new Date\(\s*\)/, `${file}: no new Date()`)
    t.notMatch(code, /DateTime\.(now|local)\s*\(/, `${file}: no luxon clock reads`)
    t.notMatch(code, /\bprocess\.[A-Za-z]/, `${file}: no process/env`)
    t.notMatch(code, /\brequire\(|\bimport\(/, `${file}: no dynamic imports`)
  }
})

t.test('nothing in src/sla or test/sla reads the shared specification folder', async (t) => {
  const testDir = new URL('./', import.meta.url)
  const files = [
    ...sources.map((f) => new URL(f, dir)),
    ...fs.readdirSync(new URL('presets/', dir)).map((f) => new URL(`presets/${f}`, dir)),
    ...fs.readdirSync(testDir).map((f) => new URL(f, testDir)),
  ]
  for (const file of files) t.notMatch(fs.readFileSync(file, 'utf8'), /\/work\/shared|shared\/(spec|seeds)/, file.pathname)
})
