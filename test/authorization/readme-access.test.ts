import { readFileSync } from 'node:fs'
import t from 'tap'
import { withAccessTable } from './render-access.js'

t.test('the README shows the access table the authorization test checks (npm run docs:access)', async (t) => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  t.equal(readme, withAccessTable(readme), 'README.md is in step with test/authorization/access-table.ts')
})
