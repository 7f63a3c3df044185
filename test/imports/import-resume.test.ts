import { sql } from 'kysely'
import t from 'tap'
import { type ImportWork, runQueuedImport } from '../../src/imports/import-worker.js'
import { buildTestApp, TEST_NOW } from '../helpers/app.js'
import { aPractitioner, aTeam } from '../helpers/builders.js'
import { aCaseLine } from './case-line.js'
import { familiesByRef, queue, recordingQueue, workOf } from './queued-import.js'

t.test('a worker that stopped half-way is resumed at the first line without a result; breach actions are asked for once, after the last', async (t) => {
  const app = await buildTestApp(t)
  const team = await aTeam(app)
  const practitioner = await aPractitioner(app, team.id, { caseloadCapacity: 30 })
  const lines = [1, 2, 3, 4].map(() => aCaseLine(team.id, practitioner.id, { escalations: [] }))
  const id = await queue(app, lines)
  const { asked, queue: jobs } = recordingQueue(() => id)

  // As a worker leaves an import when it stops after its second line: running, the first two lines with results.
  await app.db
    .updateTable('imports')
    .set({ status: 'running', startedAt: new Date(TEST_NOW) })
    .where('id', '=', id)
    .execute()
  for (const line of [1, 2]) {
    const created = JSON.stringify({ families: 1, serviceRequests: 1, escalations: 0 })
    await app.db.insertInto('importResults').values({ importId: id, line, outcome: 'created', familyId: null, created, problem: null }).execute()
  }
  t.match((await app.call({ method: 'GET', url: `/imports/${id}` })).json(), { status: 'running', lines: 4, linesDone: 2, created: 2 })

  await runQueuedImport(workOf(app), jobs, id)
  const done = (await app.call({ method: 'GET', url: `/imports/${id}` })).json()
  t.match(done, { status: 'completed', lines: 4, linesDone: 4, created: 4, failed: 0 })
  t.same(
    done.results.map((r: { line: number; familyId: string | null }) => [r.line, r.familyId === null]),
    [
      [1, true],
      [2, true],
      [3, false],
      [4, false],
    ],
    'the lines done before kept their results',
  )
  t.equal((await familiesByRef(app, lines[0])).length, 0, 'line 1 was not run again')
  t.equal((await familiesByRef(app, lines[1])).length, 0, 'line 2 was not run again')
  t.equal((await familiesByRef(app, lines[2]))[0]?.id, done.results[2].familyId, 'line 3 was run')
  t.equal((await familiesByRef(app, lines[3]))[0]?.id, done.results[3].familyId, 'line 4 was run')
  t.same(asked, [4], 'breach actions asked for once, when every line had its result')

  await runQueuedImport(workOf(app), jobs, id)
  t.same(asked, [4], 'a finished import is not run again')
})

t.test('two workers on one import: each line is applied once, breach actions asked for once', async (t) => {
  const app = await buildTestApp(t)
  const team = await aTeam(app)
  const practitioner = await aPractitioner(app, team.id, { caseloadCapacity: 30 })
  const lines = [1, 2, 3].map(() => aCaseLine(team.id, practitioner.id, { escalations: [] }))
  const id = await queue(app, lines)
  const { asked, queue: jobs } = recordingQueue(() => id)
  await Promise.all([runQueuedImport(workOf(app), jobs, id), runQueuedImport(workOf(app), jobs, id)])
  t.match((await app.call({ method: 'GET', url: `/imports/${id}` })).json(), {
    status: 'completed',
    linesDone: 3,
    created: 3,
    skipped: 0,
    failed: 0,
    problem: null,
  })
  for (const line of lines) t.equal((await familiesByRef(app, line)).length, 1)
  t.same(asked, [3])
})

t.test('a queued dry run asks for no breach actions', async (t) => {
  const app = await buildTestApp(t)
  const team = await aTeam(app)
  const practitioner = await aPractitioner(app, team.id, { caseloadCapacity: 30 })
  const line = aCaseLine(team.id, practitioner.id, { escalations: [] })
  const id = await queue(app, [line], '?dryRun=true')
  const { asked, queue: jobs } = recordingQueue(() => id)
  await runQueuedImport(workOf(app), jobs, id)
  t.match((await app.call({ method: 'GET', url: `/imports/${id}` })).json(), { status: 'completed', dryRun: true, created: 1 })
  t.same(asked, [])
  t.equal((await familiesByRef(app, line)).length, 0)
})

t.test('an error that is not a line’s own stops the import as failed, naming the line; the lines before it keep their results', async (t) => {
  const app = await buildTestApp(t)
  const team = await aTeam(app)
  const practitioner = await aPractitioner(app, team.id, { caseloadCapacity: 30 })
  const lines = [1, 2, 3].map(() => aCaseLine(team.id, practitioner.id, { escalations: [] }))
  const id = await queue(app, lines)
  const { asked, queue: jobs } = recordingQueue(() => id)
  const work = workOf(app)
  const broken: ImportWork = {
    ...work,
    validate: (value) => {
      if ((value as (typeof lines)[number]).family.reference === lines[1].family.reference) throw new Error('the checker broke')
      return work.validate(value)
    },
  }
  await runQueuedImport(broken, jobs, id)
  const stopped = (await app.call({ method: 'GET', url: `/imports/${id}` })).json()
  t.match(stopped, { status: 'failed', linesDone: 1, created: 1, problem: { type: '/problems/internal-error', detail: /^Line 2: / } })
  t.ok(stopped.finishedAt)
  t.equal((await familiesByRef(app, lines[2])).length, 0, 'no line after it was run')
  t.same(asked, [], 'no breach actions for an import that did not finish')
})

t.test('a database that cannot take a line pauses the import, with no result for that line; the next run goes on from it', async (t) => {
  const app = await buildTestApp(t)
  const team = await aTeam(app)
  const practitioner = await aPractitioner(app, team.id, { caseloadCapacity: 30 })
  const lines = [1, 2, 3].map(() => aCaseLine(team.id, practitioner.id, { escalations: [] }))
  const id = await queue(app, lines)
  const { asked, queue: jobs } = recordingQueue(() => id)
  // 57P03 (cannot connect now) on the second line's family, as a database in the middle of a restart answers.
  await sql
    .raw(`
      CREATE FUNCTION refuse_as_unavailable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.reference = '${lines[1].family.reference}' THEN
          RAISE EXCEPTION 'the database system is starting up' USING ERRCODE = '57P03';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_as_unavailable BEFORE INSERT ON families FOR EACH ROW EXECUTE FUNCTION refuse_as_unavailable();
    `)
    .execute(app.db)

  await runQueuedImport(workOf(app), jobs, id)
  const paused = (await app.call({ method: 'GET', url: `/imports/${id}` })).json()
  t.match(paused, { status: 'running', linesDone: 1, created: 1, failed: 0, problem: null, finishedAt: null })
  t.same(
    paused.results.map((r: { line: number }) => r.line),
    [1],
    'no result was kept for the line the database refused',
  )
  t.equal((await familiesByRef(app, lines[2])).length, 0, 'the lines after it wait')
  t.same(asked, [], 'no breach actions while it is paused')

  await sql.raw('DROP TRIGGER refuse_as_unavailable ON families').execute(app.db)
  await runQueuedImport(workOf(app), jobs, id)
  t.match((await app.call({ method: 'GET', url: `/imports/${id}` })).json(), { status: 'completed', linesDone: 3, created: 3, failed: 0 })
  for (const line of lines) t.equal((await familiesByRef(app, line)).length, 1, 'each case once')
  t.same(asked, [3])
})
