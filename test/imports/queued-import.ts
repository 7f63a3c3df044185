import pino from 'pino'
import { apiSchemas } from '../../src/api-schemas.js'
import { CalendarCache } from '../../src/calendar/index.js'
import type { ExecuteSql, JobQueue } from '../../src/context.js'
import { importCaseValidator } from '../../src/imports/import-validator.js'
import type { ImportWork } from '../../src/imports/import-worker.js'
import { TEST_NOW, type TestApp } from '../helpers/app.js'
import { type aCaseLine, ndjson } from './case-line.js'

/** The queue as the worker sees it, noting each time breach actions are asked for and how many lines had results then. */
export function recordingQueue(importId: () => string) {
  const asked: number[] = []
  const queue: JobQueue = {
    async requestBreachActions(executeSql: ExecuteSql) {
      const { rows } = await executeSql('SELECT count(*)::int AS n FROM import_results WHERE import_id = $1', [importId()])
      asked.push((rows[0] as { n: number }).n)
    },
    async requestImport() {},
  }
  return { asked, queue }
}

export const workOf = (app: TestApp): ImportWork => ({
  db: app.db,
  log: pino({ level: 'silent' }),
  calendars: new CalendarCache(),
  clock: () => new Date(TEST_NOW),
  validate: importCaseValidator(apiSchemas),
})

export const queue = async (app: TestApp, lines: object[], query = '') => {
  // This app runs no queue: the import waits, queued, for a worker.
  const res = await app.call({
    method: 'POST',
    url: `/imports${query}`,
    headers: { 'content-type': 'application/x-ndjson', prefer: 'respond-async' },
    payload: ndjson(lines),
  })
  if (res.statusCode !== 202) throw new Error(`POST /imports gave ${res.statusCode}: ${res.body}`)
  return res.json().id as string
}

export const familiesByRef = async (app: TestApp, line: ReturnType<typeof aCaseLine>) =>
  (await app.call({ method: 'GET', url: `/families?externalRef=${encodeURIComponent(`mosaic|${line.family.externalRefs[0].value}`)}` })).json().items
