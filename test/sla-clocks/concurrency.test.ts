import t from 'tap'
import { runBreachActions } from '../../src/breaches/breach-actions.js'
import { verifyClocks } from '../../src/sla-clocks/verify-clocks.js'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, anAllocation, anIntervention, aPractitioner, aServiceRequest, aTeam, contactPayload } from '../helpers/builders.js'

const CASES = 6
const ROUNDS = 3
const ENDING = { summary: 'x', childViews: 'x', progress: 'x', onwardSupport: 'x' }
/** Closure days that fall inside the clocks' spans, added and removed while the cases run. */
const CLOSURES = ['2027-01-13', '2027-01-20', '2027-01-27', '2027-02-03', '2027-03-03', '2027-04-07', '2027-06-30']

type Verdicts = Map<string, string>

t.test('several writers on the same clocks at once: one verdict per clock, none reopened, every verdict reproducible', async (t) => {
  let now = '2027-01-04T09:00:00Z'
  const api = await buildTestApp(t, { now: () => new Date(now) })
  await api.call({ method: 'POST', url: '/calendars', payload: { id: 'council', name: 'Council', basedOn: 'england-and-wales' } })
  const team = await aTeam(api, { calendarId: 'council' })
  const worker = await aPractitioner(api, team.id, { caseloadCapacity: 50 })
  const cases = []
  for (let i = 0; i < CASES; i++) {
    const family = await aFamily(api, team.id)
    const request = await aServiceRequest(api, family.id, team.id, { receivedAt: '2026-12-21T09:00:00Z' })
    const allocation = await anAllocation(api, request.id, worker.id, { allocatedAt: '2026-12-22T09:00:00Z' })
    cases.push({ request, allocation, intervention: await anIntervention(api, allocation.id, '2027-01-04T08:00:00Z') })
  }
  // Allocations with no planning progress, raced by the breach action against their case discussion.
  const races = []
  for (let i = 0; i < CASES; i++) {
    const family = await aFamily(api, team.id)
    const request = await aServiceRequest(api, family.id, team.id, { receivedAt: '2027-01-04T08:30:00Z' })
    races.push({ request, allocation: await anAllocation(api, request.id, worker.id, { allocatedAt: '2027-01-04T08:40:00Z' }) })
  }
  now = '2027-07-01T12:00:00Z'

  const statuses = new Map<number, number>()
  let requests = 0
  const call = async (options: Parameters<typeof api.call>[0]) => {
    const res = await api.call(options)
    requests++
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1)
    return res
  }
  const snapshot = async (): Promise<Verdicts> =>
    new Map(
      (
        await api.db
          .selectFrom('slaClocks')
          .select(['id', 'completedAt', 'closedAt', 'dueAt'])
          .where((eb) => eb.or([eb('completedAt', 'is not', null), eb('closedAt', 'is not', null)]))
          .execute()
      ).map((c) => [c.id, JSON.stringify([c.completedAt, c.closedAt, c.dueAt])]),
    )
  const snapshots: Verdicts[] = []

  const day = (round: number, offset: number) => new Date(Date.parse('2027-01-05T10:00:00Z') + (round * 20 + offset) * 86_400_000).toISOString()
  const caseWriters = cases.map(({ intervention }) => async () => {
    const post = (path: string, payload: object) => call({ method: 'POST', url: `/interventions/${intervention.id}/${path}`, payload })
    for (let round = 0; round < ROUNDS; round++) {
      // Two contacts at once, then a suspension racing a contact, then the resumption and an audit at once.
      await Promise.all([post('contacts', contactPayload(day(round, 1))), post('contacts', contactPayload(day(round, 2)))])
      await Promise.all([post('suspend', { at: day(round, 5), reason: 'Section 47 enquiry' }), post('contacts', contactPayload(day(round, 6)))])
      await Promise.all([post('resume', { at: day(round, 12) }), post('joint-supervisions', { heldAt: day(round, 13) })])
    }
    await Promise.all([post('end', { endedAt: day(ROUNDS, 1), ...ENDING }), post('audits', { kind: 'three_month', recordedAt: day(ROUNDS, 1), auditor: 'SP' })])
  })
  const calendarWriter = async () => {
    for (let pass = 0; pass < 2; pass++) {
      for (const date of CLOSURES) await call({ method: 'POST', url: '/calendars/council/closures', payload: { date, title: 'Closure' } })
      snapshots.push(await snapshot())
      for (const date of CLOSURES) await call({ method: 'DELETE', url: `/calendars/council/closures/${date}` })
      snapshots.push(await snapshot())
    }
  }
  const raceWriters = races.map(({ allocation }) => async () => {
    await Promise.all([
      runBreachActions(api.db, new Date('2027-07-01T12:00:00Z'), { graceWorkingDays: 0, calendars: api.app.calendars }),
      call({ method: 'POST', url: `/allocations/${allocation.id}/case-discussion`, payload: { heldAt: '2027-01-05T10:00:00Z' } }),
    ])
  })
  const started = performance.now()
  await Promise.all([...caseWriters, calendarWriter, ...raceWriters].map((writer) => writer()))
  const seconds = (performance.now() - started) / 1000
  snapshots.push(await snapshot())

  t.notOk(
    [...statuses.keys()].some((s) => s >= 500 && s !== 503),
    `no 5xx but a 503 to retry: ${JSON.stringify(Object.fromEntries(statuses))}`,
  )
  t.ok((statuses.get(200) ?? 0) + (statuses.get(201) ?? 0) + (statuses.get(204) ?? 0) > requests * 0.8, 'most changes went through')
  const twoVerdicts = await api.db.selectFrom('slaClocks').select('id').where('completedAt', 'is not', null).where('closedAt', 'is not', null).execute()
  t.equal(twoVerdicts.length, 0, 'one verdict per clock')
  for (let i = 1; i < snapshots.length; i++) {
    const changed = [...snapshots[i - 1]].filter(([id, verdict]) => snapshots[i].get(id) !== verdict)
    t.same(changed, [], `no stopped clock reopened or rescheduled between snapshots ${i - 1} and ${i}`)
  }
  for (const { request, allocation } of races) {
    const a = (await api.call({ method: 'GET', url: `/allocations/${allocation.id}` })).json()
    const r = (await api.call({ method: 'GET', url: `/service-requests/${request.id}` })).json()
    t.ok((a.caseDiscussion !== null) !== (r.status === 'ended'), 'the breach action and the case discussion: exactly one won')
  }
  const verification = await verifyClocks(api.db)
  t.same(verification.differences, [], `verify:clocks: ${verification.events} events replayed into ${verification.replayedClocks} clocks, 0 differences`)
  t.comment(
    `${requests} requests and ${races.length} breach runs in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries(statuses))}; ${verification.storedClocks} clocks`,
  )
})
