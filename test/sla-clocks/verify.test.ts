import t from 'tap'
import { verifyClocks } from '../../src/sla-clocks/verify-clocks.js'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, anAllocation, anIntervention, aPractitioner, aServiceRequest, aTeam, clockOf } from '../helpers/builders.js'

t.test('verify:clocks replays the event log and names every stored value it cannot reproduce', async (t) => {
  // The teardown's own verification is off: this test breaks the clocks on purpose.
  const api = await buildTestApp(t, { verifyClocks: false })
  const team = await aTeam(api)
  const worker = await aPractitioner(api, team.id)
  const family = await aFamily(api, team.id)
  const request = await aServiceRequest(api, family.id, team.id)
  const allocation = await anAllocation(api, request.id, worker.id)
  const intervention = await anIntervention(api, allocation.id, '2027-01-04T09:00:00Z')
  await api.call({ method: 'POST', url: `/interventions/${intervention.id}/suspend`, payload: { at: '2027-01-11T09:00:00Z', reason: 'S47' } })
  await api.call({ method: 'POST', url: `/interventions/${intervention.id}/resume`, payload: { at: '2027-01-14T09:00:00Z' } })

  const clean = await verifyClocks(api.db)
  t.same(clean.differences, [], 'as the service left them: no differences')
  t.equal(clean.replayedClocks, clean.storedClocks)

  const allocationClock = clockOf(request, 'allocation')!.id as string
  const review = clockOf((await api.call({ method: 'GET', url: `/interventions/${intervention.id}` })).json(), 'initial-review')!.id as string
  await api.db.updateTable('slaClocks').set({ dueDate: '2026-12-31' }).where('id', '=', allocationClock).execute()
  await api.db
    .updateTable('slaClocks')
    .set({ completedAt: null, closedAt: new Date('2027-01-20T00:00:00Z') })
    .where('id', '=', review)
    .execute()
  await api.db.deleteFrom('slaClockPauses').where('clockId', '=', review).execute()
  const broken = await verifyClocks(api.db)
  t.same(
    broken.differences.map((d) => [d.clockId, d.field]).sort(),
    [
      [allocationClock, 'dueDate'],
      [review, 'closedAt'],
      [review, 'pauses'],
    ].sort(),
    'each tampered value is named',
  )
  t.match(
    broken.differences.find((d) => d.field === 'dueDate'),
    { stored: '2026-12-31', replayed: '2026-12-30' },
  )

  await api.db.deleteFrom('slaClocks').where('id', '=', allocationClock).execute()
  const missing = await verifyClocks(api.db)
  t.ok(
    missing.differences.some((d) => d.clockId.startsWith('replayed-') && d.field === '(clock)'),
    'a clock the log makes but the table lacks is reported',
  )
})
