import { randomUUID } from 'node:crypto'
import { type RawBuilder, sql } from 'kysely'
import t from 'tap'
import { anyStatusAt, statusAt } from '../../src/breaches/breach.predicates.js'
import type { BreachSummaryFilters } from '../../src/breaches/breach.schemas.js'
import { summarise } from '../../src/breaches/breach.service.js'
import { splitByMonth } from '../../src/breaches/summary-months.js'
import type { Db } from '../../src/db/database.js'
import { buildTestApp } from '../helpers/app.js'

t.test('a due-date range splits into whole months and at most two part-months', async (t) => {
  t.same(splitByMonth({ from: null, to: null }), { wholeMonths: { from: null, to: null }, days: [] })
  t.same(splitByMonth({ from: '2026-03-01', to: '2026-05-31' }), { wholeMonths: { from: '2026-03-01', to: '2026-05-31' }, days: [] })
  t.same(splitByMonth({ from: '2026-03-15', to: '2026-06-14' }), {
    wholeMonths: { from: '2026-04-01', to: '2026-05-31' },
    days: [
      { from: '2026-03-15', to: '2026-03-31' },
      { from: '2026-06-01', to: '2026-06-14' },
    ],
  })
  t.same(splitByMonth({ from: '2026-12-02', to: null }), { wholeMonths: { from: '2027-01-01', to: null }, days: [{ from: '2026-12-02', to: '2026-12-31' }] })
  t.same(splitByMonth({ from: null, to: '2028-02-28' }), { wholeMonths: { from: null, to: '2028-01-31' }, days: [{ from: '2028-02-01', to: '2028-02-28' }] })
  t.same(
    splitByMonth({ from: null, to: '2028-02-29' }),
    { wholeMonths: { from: null, to: '2028-02-29' }, days: [] },
    'the last day of a leap February ends its month',
  )
  t.same(splitByMonth({ from: '2026-05-03', to: '2026-05-20' }), { wholeMonths: null, days: [{ from: '2026-05-03', to: '2026-05-20' }] })
  t.same(splitByMonth({ from: '2026-05-03', to: '2026-06-20' }), { wholeMonths: null, days: [{ from: '2026-05-03', to: '2026-06-20' }] })
  t.same(splitByMonth({ from: '2026-05-31', to: '2026-06-01' }), { wholeMonths: null, days: [{ from: '2026-05-31', to: '2026-06-01' }] })
})

/** The summary as it was first written: every clock counted one by one. The kept counts must agree with it. */
function countedOneByOne(db: Db, q: BreachSummaryFilters, asOf: Date, current: boolean, onlyTeamId: string | null) {
  const key: RawBuilder<string | null> = {
    standard: sql<string>`standard_key`,
    team: sql<string>`team_id::text`,
    practitioner: sql<string | null>`practitioner_id::text`,
    month: sql<string>`to_char(due_date, 'YYYY-MM')`,
  }[q.groupBy]
  let query = db.selectFrom('slaClocks')
  for (const teamId of [onlyTeamId, q.teamId]) if (teamId) query = query.where('teamId', '=', teamId)
  if (q.standard) query = query.where('standardKey', '=', q.standard)
  if (q.practitionerId) query = query.where('practitionerId', '=', q.practitionerId)
  if (q.familyId) query = query.where('familyId', '=', q.familyId)
  if (q.dueFrom) query = query.where('dueDate', '>=', q.dueFrom)
  if (q.dueTo) query = query.where('dueDate', '<=', q.dueTo)
  return query
    .select((eb) => [
      key.as('key'),
      eb.fn
        .countAll<number>()
        .filterWhere(statusAt(eb, 'overdue', asOf, current))
        .as('overdue'),
      eb.fn
        .countAll<number>()
        .filterWhere(statusAt(eb, 'due_soon', asOf, current))
        .as('dueSoon'),
      eb.fn
        .countAll<number>()
        .filterWhere(statusAt(eb, 'missed', asOf, current))
        .as('missed'),
      eb.fn
        .countAll<number>()
        .filterWhere(statusAt(eb, 'met_late', asOf, current))
        .as('metLate'),
    ])
    .where((eb) => anyStatusAt(eb, ['overdue', 'due_soon', 'missed', 'met_late'], asOf, current))
    .groupBy(key)
    .orderBy(key)
    .execute()
}

/** A small deterministic generator, so a failure can be repeated. */
function random(seed: number) {
  let s = seed >>> 0
  const next = () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)], chance: (p: number) => next() < p }
}

const DAY = 86_400_000
const NOW = new Date('2027-02-01T12:00:00Z')

t.test('the kept counts give the same summary as counting every clock, through inserts, changes and deletes', async (t) => {
  const api = await buildTestApp(t, { verifyClocks: false })
  const rnd = random(20261129)
  const { id: calendarId } = await api.db.selectFrom('calendars').select('id').orderBy('id').executeTakeFirstOrThrow()
  const teams = [randomUUID(), randomUUID()]
  const practitioners = [randomUUID(), randomUUID(), null]
  const families = [randomUUID(), randomUUID(), randomUUID()]
  const standards = ['allocation', 'joint-visit', 'review', 'contact']

  const clock = (startedAt: Date) => {
    const dueAt = new Date(startedAt.getTime() + Math.floor(rnd.next() * 60 + 1) * DAY)
    const dueSoonAt = new Date(Math.max(startedAt.getTime(), dueAt.getTime() - Math.floor(rnd.next() * 4) * DAY))
    return { dueAt, dueSoonAt, dueDate: dueAt.toISOString().slice(0, 10) }
  }
  /** Open, paused, or stopped (met or closed) before or after its due instant. */
  const stops = (startedAt: Date, dueAt: Date) => {
    const at = (late: boolean) =>
      new Date(late ? dueAt.getTime() + rnd.next() * 40 * DAY : startedAt.getTime() + rnd.next() * (dueAt.getTime() - startedAt.getTime()))
    const kind = rnd.pick(['open', 'paused', 'met', 'closed'] as const)
    return {
      completedAt: kind === 'met' ? at(rnd.chance(0.5)) : null,
      closedAt: kind === 'closed' ? at(rnd.chance(0.5)) : null,
      pausedAt: kind === 'paused' ? new Date(startedAt.getTime() + DAY) : null,
    }
  }
  const rows = Array.from({ length: 600 }, () => {
    const startedAt = new Date(Date.UTC(2025, 9, 1) + Math.floor(rnd.next() * 500) * DAY)
    const due = clock(startedAt)
    return {
      id: randomUUID(),
      standardKey: rnd.pick(standards),
      presetId: 'trt',
      title: 'A standard',
      targetAmount: 3,
      targetUnit: 'working_days' as const,
      dueSoonWithin: 1,
      onBreach: 'flag',
      subjectType: 'service_request',
      subjectId: randomUUID(),
      familyId: rnd.pick(families),
      teamId: rnd.pick(teams),
      practitionerId: rnd.pick(practitioners),
      serviceRequestId: null,
      calendarId,
      startedAt,
      scheduledAt: startedAt,
      ...due,
      ...stops(startedAt, due.dueAt),
    }
  })
  await api.db.insertInto('slaClocks').values(rows).execute()

  const dates = ['2025-11-01', '2025-11-17', '2026-01-31', '2026-02-28', '2026-03-01', '2026-06-15', '2026-09-30', '2027-01-01', '2027-01-20']
  const compare = async (round: string) => {
    let differences = 0
    for (let i = 0; i < 80; i++) {
      const q: BreachSummaryFilters = { groupBy: rnd.pick(['standard', 'team', 'practitioner', 'month'] as const) }
      if (rnd.chance(0.3)) q.teamId = rnd.pick(teams)
      if (rnd.chance(0.3)) q.standard = rnd.pick(standards)
      if (rnd.chance(0.2)) q.practitionerId = rnd.pick(practitioners) ?? undefined
      if (rnd.chance(0.15)) q.familyId = rnd.pick(families)
      if (rnd.chance(0.5)) q.dueFrom = rnd.pick(dates)
      if (rnd.chance(0.5)) q.dueTo = rnd.pick(dates)
      const asOf = rnd.chance(0.5) ? NOW : new Date(Date.UTC(2025, 10, 1) + rnd.next() * 450 * DAY)
      const onlyTeamId = rnd.chance(0.2) ? rnd.pick(teams) : null
      const current = asOf.getTime() >= NOW.getTime()
      const kept = await summarise(api.db, q, asOf, NOW, onlyTeamId)
      const counted = await countedOneByOne(api.db, q, asOf, current, onlyTeamId)
      const got = kept.items.map(({ label: _label, ...counts }) => counts)
      const want = counted.map((r) => ({
        key: r.key,
        overdue: Number(r.overdue),
        dueSoon: Number(r.dueSoon),
        missed: Number(r.missed),
        metLate: Number(r.metLate),
      }))
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        differences++
        if (differences <= 3) t.same(got, want, `${round}: ${JSON.stringify(q)} as of ${asOf.toISOString()} (team ${onlyTeamId})`)
      }
    }
    t.equal(differences, 0, `${round}: 80 random summaries agree with counting every clock`)
  }

  const verdicts = await api.db
    .selectFrom('slaClocks')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere(sql<boolean>`completed_at > due_at`).as('late'),
      eb.fn.countAll<number>().filterWhere(sql<boolean>`closed_at > due_at`).as('missed'),
    ])
    .executeTakeFirstOrThrow()
  t.ok(Number(verdicts.late) > 50 && Number(verdicts.missed) > 50, `the data has clocks met late (${verdicts.late}) and missed (${verdicts.missed})`)
  await compare('as inserted')

  // Changes of every kind a clock's verdict or grouping can see: stopping late, reopening, moving the due date,
  // reassigning, and deleting.
  for (const row of rows.slice(0, 300)) {
    const change = rnd.pick(['stop', 'reopen', 'due', 'practitioner', 'team', 'delete'] as const)
    const update = api.db.updateTable('slaClocks').where('id', '=', row.id)
    if (change === 'stop') await update.set(stops(row.startedAt, row.dueAt)).execute()
    else if (change === 'reopen') await update.set({ completedAt: null, closedAt: null, pausedAt: null }).execute()
    else if (change === 'due') {
      const due = clock(row.startedAt)
      await update.set({ ...due, dueSoonAt: due.dueSoonAt }).execute()
    } else if (change === 'practitioner') await update.set({ practitionerId: rnd.pick(practitioners) }).execute()
    else if (change === 'team') await update.set({ teamId: rnd.pick(teams) }).execute()
    else await api.db.deleteFrom('slaClocks').where('id', '=', row.id).execute()
  }
  await compare('after 300 changes')

  // One statement changing many rows, as closing a case's clocks does.
  await api.db
    .updateTable('slaClocks')
    .set({ closedAt: sql`due_at + interval '1 day'` })
    .where('completedAt', 'is', null)
    .where('closedAt', 'is', null)
    .execute()
  await compare('after closing every open clock late in one statement')

  const stale = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM (
      SELECT team_id, standard_key, practitioner_id, date_trunc('month', due_date)::date AS due_month,
             count(*) FILTER (WHERE completed_at > due_at) AS met_late, count(*) FILTER (WHERE closed_at > due_at) AS missed
        FROM sla_clocks GROUP BY 1, 2, 3, 4
      EXCEPT SELECT team_id, standard_key, practitioner_id, due_month, met_late, missed FROM sla_verdict_counts
    ) recount WHERE met_late + missed > 0`.execute(api.db)
  t.equal(stale.rows[0].n, 0, 'every kept count equals a recount of the clocks')
})
