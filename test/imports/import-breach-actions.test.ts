import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aPractitioner, aTeam } from '../helpers/builders.js'
import { until } from '../helpers/until.js'
import { aCaseLine, ndjson } from './case-line.js'

for (const [how, prefer] of [
  ['answered at once', undefined],
  ['queued', 'respond-async'],
] as const)
  t.test(`breach actions run after the import (${how}), on what the history leaves open, never on a case half-way`, async (t) => {
    // No grace: a breach is acted on as soon as the queue learns of it.
    const app = await buildTestApp(t, { jobs: true, env: { BREACH_ACTION_GRACE: '0' } })
    const team = await aTeam(app)
    const worker = await aPractitioner(app, team.id, { caseloadCapacity: 30 })
    // Planning progress is overdue from the moment the allocation is recorded, weeks before the joint visit.
    const progressed = aCaseLine(team.id, worker.id, { allocatedAt: '2026-12-02T09:00:00Z', escalations: [] })
    Object.assign(progressed.requests[0], {
      consent: { given: true, recordedAt: '2026-11-30T15:00:00Z', recordedBy: 'Jo Example' },
      receivedAt: '2026-12-01T10:00:00Z',
      decision: { decision: 'accepted', decidedAt: '2026-12-01T12:00:00Z', decidedBy: 'Team manager' },
    })
    // Allocated and then nothing: the history leaves the request with no progress.
    const stalled = aCaseLine(team.id, worker.id, { allocatedAt: '2026-12-24T12:00:00Z', escalations: [] })
    const { caseDiscussion: _c, jointVisit: _j, intervention: _i, ...allocationOnly } = stalled.requests[0].allocation
    Object.assign(stalled.requests[0], { allocation: allocationOnly })

    const res = await app.call({
      method: 'POST',
      url: '/imports',
      headers: { 'content-type': 'application/x-ndjson', ...(prefer ? { prefer } : {}) },
      payload: ndjson([progressed, stalled]),
    })
    t.equal(res.statusCode, prefer ? 202 : 200, res.body)
    if (prefer) await until(async () => (await app.call({ method: 'GET', url: String(res.headers.location) })).json().status === 'completed')
    const result = prefer ? (await app.call({ method: 'GET', url: String(res.headers.location) })).json() : res.json()
    t.match(result, { created: 2, failed: 0 }, res.body)
    const requestOf = async (line: typeof progressed) => {
      const value = encodeURIComponent(`mosaic|${line.requests[0].externalRefs[0].value}`)
      return (await app.call({ method: 'GET', url: `/service-requests?externalRef=${value}` })).json().items[0]
    }
    const started = Date.now()
    let status = 'allocated'
    while (status !== 'ended' && Date.now() - started < 60_000) {
      await new Promise((r) => setTimeout(r, 250))
      status = (await requestOf(stalled)).status
    }
    t.match(await requestOf(stalled), { status: 'ended', endedReason: 'no_progress' }, 'the queue acted on the breach the import left open')
    const whole = await requestOf(progressed)
    t.equal(whole.status, 'ended')
    t.not(whole.endedReason, 'no_progress', 'the case was ended by its own ending, not by a breach action half-way')
  })
