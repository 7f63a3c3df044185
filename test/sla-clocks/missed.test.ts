import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aContact, aFamily, anAllocation, anIntervention, aPractitioner, aServiceRequest, aTeam, clockOf } from '../helpers/builders.js'

const ENDING = { summary: 'Routines established', childViews: 'Sam feels calmer', progress: 'Attendance up', onwardSupport: 'School nurse' }

t.test('a clock closed after its due instant without its work done is missed, and stays a breach', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const family = await aFamily(api, team.id)
  // Received Mon 4 January 2027: allocate within 3 working days, by Thu 7 January.
  const late = await aServiceRequest(api, family.id, team.id, { receivedAt: '2027-01-04T09:00:00Z' })
  const early = await aServiceRequest(api, family.id, team.id, { receivedAt: '2027-01-25T09:00:00Z' })
  const withdraw = (id: string, withdrawnAt: string) =>
    api.call({ method: 'POST', url: `/service-requests/${id}/withdraw`, payload: { withdrawnAt, reason: 'Family moved away' } })

  t.equal((await withdraw(late.id, '2027-01-11T10:00:00Z')).statusCode, 200)
  t.equal((await withdraw(early.id, '2027-01-26T10:00:00Z')).statusCode, 200)
  const missed = (await api.call({ method: 'GET', url: `/service-requests/${late.id}` })).json()
  t.match(clockOf(missed, 'allocation'), {
    status: 'missed',
    dueDate: '2027-01-07',
    completedAt: null,
    closedAt: '2027-01-11T10:00:00.000Z',
    workingDaysRemaining: -2,
  })
  t.equal(missed.sla.status, 'missed', 'the block says so')
  const cancelled = (await api.call({ method: 'GET', url: `/service-requests/${early.id}` })).json()
  t.match(clockOf(cancelled, 'allocation'), { status: 'cancelled', dueDate: '2027-01-28' }, 'withdrawn before it was due: cancelled, no breach')
  t.equal(cancelled.sla.status, 'none')
  const before = (await api.call({ method: 'GET', url: `/service-requests/${late.id}`, query: { asOf: '2027-01-10' } })).json()
  t.equal(clockOf(before, 'allocation')!.status, 'overdue', 'as of before the withdrawal it was overdue')

  const breaches = (await api.call({ method: 'GET', url: '/breaches', query: { familyId: family.id } })).json()
  t.same(
    breaches.items.map((b: { subjectId: string; status: string }) => [b.subjectId, b.status]),
    [[late.id, 'missed']],
    'in /breaches; the cancelled one is not',
  )
  t.same((await api.call({ method: 'GET', url: '/breaches', query: { familyId: family.id, status: 'overdue' } })).json().items, [], 'not overdue any more')

  const csv = await api.call({ method: 'GET', url: '/breaches', query: { familyId: family.id }, headers: { accept: 'text/csv' } })
  const [header, row] = csv.body.trim().split('\r\n')
  const cells = Object.fromEntries(header.split(',').map((h, i) => [h, row.split(',')[i]]))
  t.match(
    cells,
    { Status: 'missed', 'Closed at (UTC)': '2027-01-11T10:00:00.000Z', Standard: 'allocation', 'Family reference': family.reference },
    'and in the CSV',
  )

  const byStandard = (await api.call({ method: 'GET', url: '/breaches/summary', query: { groupBy: 'standard', familyId: family.id } })).json()
  t.same(byStandard.items, [{ key: 'allocation', label: null, overdue: 0, dueSoon: 0, missed: 1, metLate: 0 }], 'in the summary')
  const byMonth = (await api.call({ method: 'GET', url: '/breaches/summary', query: { groupBy: 'month', familyId: family.id } })).json()
  t.same(
    byMonth.items.map((i: { key: string; missed: number }) => [i.key, i.missed]),
    [['2027-01', 1]],
    'and in the monthly figures',
  )
})

t.test('ending an intervention: audits overdue at the end are missed; the final audit is due that day; the family block keeps it', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const worker = await aPractitioner(api, team.id, { caseloadCapacity: 20 })
  const family = await aFamily(api, team.id)
  const request = await aServiceRequest(api, family.id, team.id, { receivedAt: '2026-09-28T09:00:00Z' })
  const allocation = await anAllocation(api, request.id, worker.id, { allocatedAt: '2026-09-29T09:00:00Z' })
  // Started Thu 1 October 2026: first audit due 29 October, the three-month audit 1 January, the final audit 1 April.
  const intervention = await anIntervention(api, allocation.id, '2026-10-01T09:00:00Z')
  await aContact(api, intervention.id, '2026-10-05T10:00:00Z')
  await api.call({
    method: 'POST',
    url: `/interventions/${intervention.id}/audits`,
    payload: { kind: 'first', recordedAt: '2026-10-20T10:00:00Z', auditor: 'SP' },
  })
  await api.call({
    method: 'POST',
    url: `/interventions/${intervention.id}/consent-extension`,
    payload: { extendedAt: '2026-12-20T10:00:00Z', until: '2027-03-31', recordedBy: 'TM' },
  })

  const ended = (
    await api.call({ method: 'POST', url: `/interventions/${intervention.id}/end`, payload: { endedAt: '2027-01-20T10:00:00Z', ...ENDING } })
  ).json()
  const statusOf = (key: string) => ended.sla.clocks.filter((c: { standard: string }) => c.standard === key).map((c: { status: string }) => c.status)
  t.same(statusOf('three-month-audit'), ['missed'], 'due 1 January, never recorded: missed, not cancelled')
  t.same(statusOf('first-audit'), ['met'])
  t.same(statusOf('joint-supervision'), ['missed'], 'the supervision due at 3 months was never held')
  t.same(statusOf('weekly-contact'), ['met', 'missed'], 'no contact for months since the first: missed')
  const endedAllocation = (await api.call({ method: 'GET', url: `/allocations/${allocation.id}` })).json()
  t.match(clockOf(endedAllocation, 'joint-visit'), { status: 'missed' }, 'the allocation ended without the joint visit: missed')
  t.same(statusOf('initial-review'), ['met_late'], 'the ending reviews the work, late')
  t.match(clockOf(ended, 'final-audit'), { dueDate: '2027-01-20', status: 'overdue' }, 'due on the day the intervention ended, before 6 months')
  const moved = await api.db
    .selectFrom('events')
    .select(['data'])
    .where('type', '=', 'sla-clock.due-date-moved')
    .where('subjectId', '=', clockOf(ended, 'final-audit')!.id as string)
    .execute()
  t.match(
    moved.map((e) => e.data),
    [{ reason: 'brought-forward', from: '2027-04-01', to: '2027-01-20' }],
    'the move is an event',
  )

  const familyNow = (await api.call({ method: 'GET', url: `/families/${family.id}` })).json()
  t.match(
    familyNow.sla.clocks.map((c: { standard: string; status: string; subjectType: string; subjectId: string }) => [
      c.standard,
      c.status,
      c.subjectType,
      c.subjectId,
    ]),
    [['final-audit', 'overdue', 'intervention', intervention.id]],
    'the request has ended, but the open final audit stays on the family, naming its subject',
  )
  t.equal(familyNow.sla.status, 'overdue')

  const breaches = (await api.call({ method: 'GET', url: '/breaches', query: { familyId: family.id } })).json()
  t.same(
    breaches.items.map((b: { standard: string; status: string }) => `${b.standard}:${b.status}`).sort(),
    [
      'case-discussion:missed',
      'final-audit:overdue',
      'initial-review:met_late',
      'joint-supervision:missed',
      'joint-visit:missed',
      'three-month-audit:missed',
      'weekly-contact:missed',
    ],
    'every breach is on record',
  )

  const audited = (
    await api.call({
      method: 'POST',
      url: `/interventions/${intervention.id}/audits`,
      payload: { kind: 'final', recordedAt: '2027-01-25T10:00:00Z', auditor: 'TM' },
    })
  ).json()
  t.match(clockOf(audited, 'final-audit'), { status: 'met_late', completedAt: '2027-01-25T10:00:00.000Z' })
  t.same(
    (await api.call({ method: 'GET', url: `/families/${family.id}` })).json().sla.clocks.map((c: { standard: string }) => c.standard),
    ['baseline-follow-up'],
    'nothing of the work open, so the family block shows only the baseline check 6 months after the ending',
  )
})

t.test('the final audit recorded with an ending before 6 months is met; after 6 months the ending does not move it', async (t) => {
  const api = await buildTestApp(t, { now: '2027-08-20T12:00:00Z' })
  const team = await aTeam(api)
  const worker = await aPractitioner(api, team.id, { caseloadCapacity: 20 })
  const start = async (at: string) => {
    const family = await aFamily(api, team.id)
    const request = await aServiceRequest(api, family.id, team.id, { receivedAt: '2026-12-23T10:00:00Z' })
    const allocation = await anAllocation(api, request.id, worker.id, { allocatedAt: '2026-12-31T09:00:00Z' })
    return anIntervention(api, allocation.id, at)
  }
  const short = await start('2027-01-04T09:00:00Z')
  const ended = (
    await api.call({
      method: 'POST',
      url: `/interventions/${short.id}/end`,
      payload: { endedAt: '2027-03-01T15:00:00Z', ...ENDING, finalAudit: { auditor: 'TM' } },
    })
  ).json()
  t.match(clockOf(ended, 'final-audit'), { dueDate: '2027-03-01', status: 'met' })

  const long = await start('2027-01-04T09:00:00Z')
  await api.call({
    method: 'POST',
    url: `/interventions/${long.id}/duration-exception`,
    payload: { recordedAt: '2027-06-01T10:00:00Z', until: '2027-09-30', reason: 'Court timetable', agreedBy: 'Head of service' },
  })
  const endedLate = (await api.call({ method: 'POST', url: `/interventions/${long.id}/end`, payload: { endedAt: '2027-08-02T15:00:00Z', ...ENDING } })).json()
  t.match(clockOf(endedLate, 'final-audit'), { dueDate: '2027-07-04', status: 'overdue' }, 'due at 6 months, which came first')
})

t.test('a due-date move is recorded only when a due date changed', async (t) => {
  const api = await buildTestApp(t)
  await api.call({ method: 'POST', url: '/calendars', payload: { id: 'council', name: 'Council', basedOn: 'england-and-wales' } })
  const team = await aTeam(api, { calendarId: 'council' })
  const worker = await aPractitioner(api, team.id)
  const family = await aFamily(api, team.id)
  const request = await aServiceRequest(api, family.id, team.id, { receivedAt: '2026-12-23T10:00:00Z' })
  const allocation = await anAllocation(api, request.id, worker.id)
  const intervention = await anIntervention(api, allocation.id, '2027-01-04T09:00:00Z')
  const moves = async () => (await api.db.selectFrom('events').select('id').where('type', '=', 'sla-clock.due-date-moved').execute()).length

  await api.call({ method: 'POST', url: `/interventions/${intervention.id}/suspend`, payload: { at: '2027-01-05T09:00:00Z', reason: 'Section 47 enquiry' } })
  await api.call({ method: 'POST', url: `/interventions/${intervention.id}/resume`, payload: { at: '2027-01-05T16:00:00Z' } })
  t.equal(await moves(), 0, 'suspended and resumed the same day: no working day paused, no due date moved, no event')
  await api.call({ method: 'POST', url: '/calendars/council/closures', payload: { date: '2030-12-27', title: 'Far future closure' } })
  t.equal(await moves(), 0, 'a closure after every due date moves nothing')
  await api.call({ method: 'POST', url: `/interventions/${intervention.id}/suspend`, payload: { at: '2027-01-11T09:00:00Z', reason: 'Section 47 enquiry' } })
  await api.call({ method: 'POST', url: `/interventions/${intervention.id}/resume`, payload: { at: '2027-01-13T09:00:00Z' } })
  t.equal(await moves(), 3, 'two working days paused move the three pausable clocks, one event each')
})
