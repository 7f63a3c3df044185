import fs from 'node:fs'
import t from 'tap'

const dir = new URL('../../src/calendar/', import.meta.url)
const sources = fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))

t.test('src/calendar is pure: only luxon and relative imports, no clock, no env, no I/O', async (t) => {
  t.ok(sources.length >= 8, 'found the module files')
  for (const file of sources) {
    const code = fs.readFileSync(new URL(file, dir), 'utf8')
    const imports = [...code.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1])
    t.same(
      imports.filter((spec) => spec !== 'luxon' && !spec.startsWith('./')),
      [],
      `${file}: imports`,
    )
    t.notMatch(code, /Date\.now\s*\(/, `${file}: no Date.now()`)
    t.notMatch(code, /new Date\(\s*\)/, `${file}: no new Date()`)
    t.notMatch(code, /DateTime\.(now|local)\s*\(/, `${file}: no luxon clock reads`)
    t.notMatch(code, /\bprocess\.[A-Za-z]/, `${file}: no process/env`)
    t.notMatch(code, /\bMath\.random\b/, `${file}: no randomness`)
    t.notMatch(code, /\brequire\(|\bimport\(/, `${file}: no dynamic imports`)
  }
})

t.test('the README states the rule', async (t) => {
  const readme = fs.readFileSync(new URL('README.md', dir), 'utf8')
  const lines = readme
    .trim()
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  t.ok(lines.length >= 3 && lines.length <= 5, '3–5 lines')
  t.match(readme, /no database/i)
  t.match(readme, /luxon/)
})
