import { sql } from 'kysely'
import t from 'tap'
import { up } from '../../migrations/0020_import_files_kept_until_done.js'
import { type ImportWork, runQueuedImport } from '../../src/imports/import-worker.js'
import { buildTestApp } from '../helpers/app.js'
import { aPractitioner, aTeam } from '../helpers/builders.js'
import { aCaseLine, ndjson } from './case-line.js'
import { queue, recordingQueue, workOf } from './queued-import.js'

t.test('a queued file is kept while the import runs and cleared when it completes or fails; 0020 clears those already finished', async (t) => {
  const app = await buildTestApp(t)
  const team = await aTeam(app)
  const practitioner = await aPractitioner(app, team.id, { caseloadCapacity: 30 })
  const fileOf = async (id: string) => (await app.db.selectFrom('imports').select('body').where('id', '=', id).executeTakeFirstOrThrow()).body
  const lines = [1, 2].map(() => aCaseLine(team.id, practitioner.id, { escalations: [] }))
  const completing = await queue(app, lines)
  t.equal(await fileOf(completing), ndjson(lines), 'queued: the file is kept for the worker')
  await runQueuedImport(workOf(app), recordingQueue(() => completing).queue, completing)
  t.match((await app.call({ method: 'GET', url: `/imports/${completing}` })).json(), { status: 'completed', created: 2 })
  t.equal(await fileOf(completing), null, 'completed: the file is cleared')

  const failing = await queue(app, [aCaseLine(team.id, practitioner.id, { escalations: [] })])
  const broken: ImportWork = {
    ...workOf(app),
    validate: () => {
      throw new Error('the checker broke')
    },
  }
  await runQueuedImport(broken, recordingQueue(() => failing).queue, failing)
  t.match((await app.call({ method: 'GET', url: `/imports/${failing}` })).json(), { status: 'failed', linesDone: 0 })
  t.equal(await fileOf(failing), null, 'failed: the file is cleared; sending it again skips what is done')

  const waiting = await queue(app, lines)
  await t.rejects(
    sql`UPDATE imports SET body = NULL WHERE id = ${waiting}`.execute(app.db),
    /imports_file_kept_until_done/,
    'an import a worker has still to apply keeps its file',
  )

  // Before 0020 a finished import kept its file.
  await sql`
    ALTER TABLE imports DROP CONSTRAINT imports_file_kept_until_done;
    UPDATE imports SET body = 'the file' WHERE status IN ('completed', 'failed');
    ALTER TABLE imports ALTER COLUMN body SET NOT NULL;
  `.execute(app.db)
  await up(app.db as unknown as Parameters<typeof up>[0])
  t.same(
    [await fileOf(completing), await fileOf(failing), await fileOf(waiting)],
    [null, null, ndjson(lines)],
    'the files of finished imports are cleared; a queued import keeps its own',
  )
})
