import { sql } from 'kysely'
import t from 'tap'
import { buildTestApp, type TestApp } from '../helpers/app.js'
import { aPractitioner, aTeam } from '../helpers/builders.js'
import { until } from '../helpers/until.js'

interface Clock {
  standard: string
  status: string
  dueDate: string
  familyId: string | null
  subjectType: string
  subjectId: string
}
interface View {
  name: string
  asOf: string
  kinds: { kind: string; standard: string | null; lastHeldAt: string | null; held: number; clock: Clock | null }[]
  due: Clock[]
  overdue: Clock[]
}

const record = (api: TestApp, practitionerId: string, payload: object, key?: string) =>
  api.call({ method: 'POST', url: `/practitioners/${practitionerId}/supervision-records`, payload, key })

async function view(api: TestApp, practitionerId: string, asOf?: string, key?: string): Promise<View> {
  const res = await api.call({ method: 'GET', url: `/practitioners/${practitionerId}/supervision${asOf ? `?asOf=${asOf}` : ''}`, key })
  if (res.statusCode !== 200) throw new Error(`supervision view gave ${res.statusCode}: ${res.body}`)
  return res.json()
}

/** The view as a supervisor would read it. */
const printed = (v: View) =>
  [
    `Supervision of ${v.name} as of ${v.asOf}`,
    ...v.kinds.map(
      (k) =>
        `  ${k.kind.padEnd(30)} last held ${k.lastHeldAt ?? 'never'} (${k.held} in all); clock ${k.clock ? `${k.clock.status}, due ${k.clock.dueDate}` : 'none'}`,
    ),
    `  overdue: ${v.overdue.map((c) => `${c.standard} (due ${c.dueDate})`).join(', ') || 'none'}`,
    `  due: ${v.due.map((c) => `${c.standard} (due ${c.dueDate}, ${c.status})`).join(', ') || 'none'}`,
  ].join('\n')

t.test('supervision per practitioner: each kind’s clock, due and overdue (000 §11, §11.1)', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const ana = await aPractitioner(api, team.id, { name: 'Ana Example' })
  const worker = await api.keyFor('practitioner', team.id)

  const before = await view(api, ana.id)
  t.same(
    before.kinds.map((k) => [k.kind, k.standard, k.held, k.clock]),
    [
      ['case_supervision', 'case-supervision', 0, null],
      ['practice_observation', 'practice-observation', 0, null],
    ],
    'a practitioner who is not a specialist has case supervision and observation of practice, none held yet',
  )
  t.same([before.due, before.overdue], [[], []])

  const first = await record(api, ana.id, { kind: 'case_supervision', heldAt: '2026-12-01T10:00:00Z', supervisor: 'Sam Senior' }, worker)
  t.equal(first.statusCode, 201, first.body)
  t.match(first.json(), { practitionerId: ana.id, teamId: team.id, kind: 'case_supervision', supervisor: 'Sam Senior', clinicalSupervisor: null })
  t.equal((await record(api, ana.id, { kind: 'practice_observation', heldAt: '2026-11-16T14:00:00Z', supervisor: 'Sam Senior' })).statusCode, 201)

  const overdue = await view(api, ana.id)
  t.comment(printed(overdue))
  t.same(
    overdue.overdue.map((c) => [c.standard, c.dueDate, c.familyId, c.subjectType, c.subjectId]),
    [['case-supervision', '2027-01-01', null, 'practitioner', ana.id]],
    'case supervision a month after the last is overdue; the clock hangs on the practitioner, with no family',
  )
  t.same(
    overdue.due.map((c) => [c.standard, c.dueDate, c.status]),
    [['practice-observation', '2027-05-16', 'on_track']],
    'the next observation of practice is due 6 months after the last',
  )
  t.equal((await view(api, ana.id, '2026-12-15T12:00:00Z')).overdue.length, 0, 'as of mid-December nothing was overdue')

  t.equal((await record(api, ana.id, { kind: 'case_supervision', heldAt: '2027-01-20T10:00:00Z', supervisor: 'Sam Senior' })).statusCode, 201)
  const after = await view(api, ana.id)
  t.comment(printed(after))
  t.same(after.overdue, [], 'the late supervision stopped the overdue clock')
  t.same(
    after.due.map((c) => [c.standard, c.dueDate]),
    [
      ['case-supervision', '2027-02-20'],
      ['practice-observation', '2027-05-16'],
    ],
    'the next case supervision is due a month after the one just held; soonest first',
  )
  t.match(after.kinds[0], { kind: 'case_supervision', held: 2, lastHeldAt: '2027-01-20T10:00:00.000Z' })
  const late = await api.call({ method: 'GET', url: `/sla-clocks?subjectId=${ana.id}&late=true` })
  t.same(
    late.json().items.map((c: Clock) => [c.standard, c.status, c.familyId]),
    [['case-supervision', 'met_late', null]],
    'the first cycle is kept as met late',
  )
})

t.test('the quarterly meeting with a clinical supervisor is for specialists, and names the clinical supervisor (000 §11.1)', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const ana = await aPractitioner(api, team.id)
  const sol = await aPractitioner(api, team.id, { name: 'Sol Example', role: 'specialist', specialism: 'mental_health' })
  const meeting = { kind: 'clinical_supervision_meeting', heldAt: '2026-12-10T10:00:00Z', supervisor: 'Sam Senior', clinicalSupervisor: 'Dr Lee Clinic' }

  const notSpecialist = await record(api, ana.id, meeting)
  t.equal(notSpecialist.statusCode, 400)
  t.equal(notSpecialist.json().errors[0].field, 'kind', 'a practitioner who is not a specialist has no clinical supervisor')
  const { clinicalSupervisor: _c, ...without } = meeting
  const unnamed = await record(api, sol.id, without)
  t.equal(unnamed.statusCode, 400)
  t.equal(unnamed.json().errors[0].field, 'clinicalSupervisor', 'the three-way meeting names the clinical supervisor')
  const misplaced = await record(api, sol.id, { ...meeting, kind: 'case_supervision' })
  t.equal(misplaced.statusCode, 400)
  t.equal(misplaced.json().errors[0].field, 'clinicalSupervisor', 'only the three-way meeting names a clinical supervisor')
  const future = await record(api, sol.id, { ...meeting, heldAt: '2027-03-01T10:00:00Z' })
  t.equal(future.statusCode, 400)
  t.equal(future.json().errors[0].field, 'heldAt', 'a meeting cannot be recorded before it is held')

  t.equal((await record(api, sol.id, meeting)).statusCode, 201)
  const v = await view(api, sol.id)
  t.comment(printed(v))
  t.same(
    v.kinds.map((k) => k.kind),
    ['case_supervision', 'clinical_supervision_meeting', 'practice_observation'],
  )
  t.same(
    v.due.map((c) => [c.standard, c.dueDate]),
    [['clinical-supervision-meeting', '2027-03-10']],
    'the next three-way meeting is due a quarter after the last',
  )
  t.equal((await api.call({ method: 'GET', url: `/practitioners/${ana.id}/supervision` })).json().kinds.length, 2)
})

t.test('practitioners’ clocks in the team’s reads: breaches, the feed, scoping', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const other = await aTeam(api)
  const ana = await aPractitioner(api, team.id)
  const own = await api.keyFor('viewer', team.id)
  const outsider = await api.keyFor('manager', other.id)
  t.equal((await record(api, ana.id, { kind: 'case_supervision', heldAt: '2026-12-01T10:00:00Z', supervisor: 'Sam Senior' })).statusCode, 201)

  const breaches = await api.call({ method: 'GET', url: `/breaches?teamId=${team.id}`, key: own })
  t.equal(breaches.statusCode, 200, breaches.body)
  t.same(
    breaches.json().items.map((b: Clock) => [b.standard, b.status, b.familyId]),
    [['case-supervision', 'overdue', null]],
    'the overdue supervision is a breach of the practitioner’s team, with no family',
  )
  const csv = await api.call({ method: 'GET', url: `/breaches?teamId=${team.id}`, key: own, headers: { accept: 'text/csv' } })
  t.equal(csv.statusCode, 200, 'the CSV has a row without a family reference')
  t.match(csv.body, /case-supervision/)
  // The feed shows a change once every transaction that began before it has ended: other work may be running.
  await until(async () => (await api.call({ method: 'GET', url: '/events?type=practitioner.case-supervision-held', key: own })).json().items.length > 0)
  const feed = await api.call({ method: 'GET', url: '/events?type=practitioner.case-supervision-held', key: own })
  t.same(
    feed.json().items.map((e: { subjectId: string; familyId: string | null }) => [e.subjectId, e.familyId]),
    [[ana.id, null]],
    'the team reads the supervision in its feed',
  )
  t.same((await api.call({ method: 'GET', url: '/events?type=practitioner.case-supervision-held', key: outsider })).json().items, [], 'another team does not')
  t.same((await api.call({ method: 'GET', url: '/breaches', key: outsider })).json().items, [], 'nor its breaches')
  t.equal((await api.call({ method: 'GET', url: `/practitioners/${ana.id}/supervision`, key: outsider })).statusCode, 404)
  t.equal((await record(api, ana.id, { kind: 'case_supervision', supervisor: 'X' }, outsider)).statusCode, 404, 'another team cannot record it')
  await t.rejects(
    sql`UPDATE sla_clocks SET subject_type = 'intervention' WHERE subject_id = ${ana.id}`.execute(api.db),
    /sla_clocks_family_unless_practitioner/,
    'only a practitioner’s clock may have no family',
  )
})

t.test('a team whose preset has no supervision standard keeps the record without a clock', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api, { standardsPreset: 'early-help' })
  const ana = await aPractitioner(api, team.id)
  t.equal((await record(api, ana.id, { kind: 'practice_observation', heldAt: '2026-12-01T10:00:00Z', supervisor: 'Sam Senior' })).statusCode, 201)
  const v = await view(api, ana.id)
  t.match(v.kinds[1], { kind: 'practice_observation', standard: null, held: 1, clock: null })
  t.same([v.due, v.overdue], [[], []])
})
