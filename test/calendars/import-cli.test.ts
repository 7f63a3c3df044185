import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import t from 'tap'
import { buildTestApp } from '../helpers/app.js'

const run = promisify(execFile)

t.test('operators import the official file from the command line', async (t) => {
  const api = await buildTestApp(t)
  const dir = mkdtempSync(path.join(tmpdir(), 'fw-import-'))
  const official = JSON.parse(readFileSync('test/fixtures/bank-holidays.json', 'utf8'))
  official['northern-ireland'].events.push({ title: 'Extra bank holiday', date: '2027-09-20', notes: '', bunting: true })
  writeFileSync(path.join(dir, 'good.json'), JSON.stringify(official))
  writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ scotland: { events: [] } }))
  const env = { ...process.env, DATABASE_URL: api.url }
  const script = ['--import', 'tsx', 'scripts/import-bank-holidays.ts']

  const good = await run(process.execPath, [...script, path.join(dir, 'good.json')], { env })
  t.match(good.stdout, /northern-ireland: 1 added, 0 removed\n {2}\+ 2027-09-20 Extra bank holiday/)
  t.match(good.stdout, /calendars updated: northern-ireland, scotland/)
  const calendar = await api.call({ method: 'GET', url: '/calendars/northern-ireland/working-days?from=2027-09-17&add=1' })
  t.equal(calendar.json().to, '2027-09-21', 'in force for the API at once')

  const bad = await run(process.execPath, [...script, path.join(dir, 'bad.json')], { env }).then(
    () => null,
    (e) => e,
  )
  t.equal(bad?.code, 1, 'a bad file exits 1')
  t.match(bad?.stderr, /england-and-wales: is missing/)
})
