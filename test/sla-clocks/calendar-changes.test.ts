import { readFileSync } from 'node:fs'
import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aServiceRequest, aTeam, clockOf } from '../helpers/builders.js'

t.test('a change of calendar days moves open clocks and leaves stopped ones alone', async (t) => {
  const api = await buildTestApp(t)
  await api.call({ method: 'POST', url: '/calendars', payload: { id: 'council', name: 'Council', basedOn: 'england-and-wales' } })
  const team = await aTeam(api, { calendarId: 'council' })
  const family = await aFamily(api, team.id)
  const open = await aServiceRequest(api, family.id, team.id, { receivedAt: '2026-12-23T10:00:00Z' })
  const stopped = await aServiceRequest(api, family.id, team.id, { receivedAt: '2026-12-23T10:00:00Z' })
  await api.call({
    method: 'POST',
    url: `/service-requests/${stopped.id}/decision`,
    payload: { decision: 'accepted', decidedBy: 'TM', decidedAt: '2026-12-24T10:00:00Z' },
  })
  const worker = (await api.call({ method: 'POST', url: '/practitioners', payload: { teamId: team.id, name: 'W', role: 'practitioner' } })).json()
  await api.call({
    method: 'POST',
    url: '/allocations',
    payload: { serviceRequestId: stopped.id, practitionerId: worker.id, allocatedBy: 'TM', allocatedAt: '2026-12-30T10:00:00Z' },
  })
  t.equal(clockOf(open, 'allocation')!.dueDate, '2026-12-30')
  const asOf = '?asOf=2026-12-30T12:00:00Z'
  t.equal(clockOf((await api.call({ method: 'GET', url: `/service-requests/${stopped.id}${asOf}` })).json(), 'allocation')!.status, 'met')

  const added = await api.call({ method: 'POST', url: '/calendars/council/closures', payload: { date: '2026-12-29', title: 'Council closure' } })
  t.equal(added.statusCode, 201)
  const moved = (await api.call({ method: 'GET', url: `/service-requests/${open.id}${asOf}` })).json()
  t.match(clockOf(moved, 'allocation'), { dueDate: '2026-12-31', status: 'due_soon' }, 'the open clock now skips the closure: Thu 24, Wed 30, Thu 31')
  const kept = (await api.call({ method: 'GET', url: `/service-requests/${stopped.id}${asOf}` })).json()
  t.match(clockOf(kept, 'allocation'), { dueDate: '2026-12-30', status: 'met' }, 'the stopped clock keeps its due date and verdict')
  const event = await api.db.selectFrom('events').selectAll().where('type', '=', 'sla-clock.due-date-moved').executeTakeFirstOrThrow()
  t.match(
    event.data,
    { reason: 'calendar.closure-added', calendar: 'council', from: '2026-12-30', to: '2026-12-31', standard: 'allocation' },
    'each move is an event',
  )
  t.equal(event.subjectId, clockOf(open, 'allocation')!.id)

  await api.call({ method: 'DELETE', url: '/calendars/council/closures/2026-12-29' })
  t.equal(
    clockOf((await api.call({ method: 'GET', url: `/service-requests/${open.id}` })).json(), 'allocation')!.dueDate,
    '2026-12-30',
    'removing it moves the clock back',
  )
  t.equal((await api.db.selectFrom('events').select('id').where('type', '=', 'sla-clock.due-date-moved').execute()).length, 2)
})

t.test('new official bank holidays move open clocks on every calendar of the division', async (t) => {
  const api = await buildTestApp(t, { now: '2027-06-03T12:00:00Z' })
  const team = await aTeam(api, { calendarId: 'scotland' })
  const family = await aFamily(api, team.id)
  const request = await aServiceRequest(api, family.id, team.id, { receivedAt: '2027-06-02T10:00:00Z' })
  t.equal(clockOf(request, 'allocation')!.dueDate, '2027-06-07')
  const official = JSON.parse(readFileSync('test/fixtures/bank-holidays.json', 'utf8'))
  official.scotland.events.push({ title: 'World Cup bank holiday', date: '2026-06-15', notes: '', bunting: true })
  official.scotland.events.push({ title: 'Extra bank holiday', date: '2027-06-04', notes: '', bunting: true })
  const res = await api.call({ method: 'POST', url: '/calendars/bank-holidays', payload: official })
  t.equal(res.json().clocksMoved, 1)
  t.equal(clockOf((await api.call({ method: 'GET', url: `/service-requests/${request.id}` })).json(), 'allocation')!.dueDate, '2027-06-08')
})
