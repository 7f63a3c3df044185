import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, anAllocation, aPractitioner, aServiceRequest, aTeam, clockOf } from '../helpers/builders.js'

t.test('breach listings and summary', async (t) => {
  const api = await buildTestApp(t, { now: '2027-01-11T12:00:00Z' })
  const team = await aTeam(api, { name: 'North' })
  const other = await aTeam(api, { name: 'South', calendarId: 'scotland' })
  const family = await aFamily(api, team.id)
  const southFamily = await aFamily(api, other.id)
  const worker = await aPractitioner(api, team.id, { caseloadCapacity: 50 })
  // Due 2027-01-06 (3 working days after Thu 31 Dec): overdue by the 11th.
  const overdue = await aServiceRequest(api, family.id, team.id, { receivedAt: '2026-12-31T10:00:00Z' })
  // Due 2027-01-12: due soon on the 11th.
  const dueSoon = await aServiceRequest(api, family.id, team.id, { receivedAt: '2027-01-07T10:00:00Z' })
  // Allocated late: its allocation clock was met late; the allocation's own clocks are on track.
  const late = await aServiceRequest(api, family.id, team.id, { receivedAt: '2026-12-21T10:00:00Z' })
  await anAllocation(api, late.id, worker.id, { allocatedAt: '2027-01-08T10:00:00Z' })
  // Scotland: received 31 Dec, due 7 January, overdue too.
  const south = await aServiceRequest(api, southFamily.id, other.id, { receivedAt: '2026-12-31T10:00:00Z' })

  const list = async (query: string, headers: Record<string, string> = {}, key?: string) => api.call({ method: 'GET', url: `/breaches${query}`, headers, key })

  t.test('each status, sorted by due', async (t) => {
    const od = (await list('?status=overdue')).json()
    t.same(
      od.items.map((b: { subjectId: string }) => b.subjectId),
      [overdue.id, south.id],
    )
    t.match(od.items[0], {
      standard: 'allocation',
      status: 'overdue',
      dueDate: '2027-01-06',
      teamId: team.id,
      familyId: family.id,
      subjectType: 'service_request',
      workingDaysRemaining: -3,
    })
    const ds = (await list('?status=due_soon')).json()
    t.same(
      ds.items.map((b: { subjectId: string }) => b.subjectId),
      [dueSoon.id],
    )
    const ml = (await list('?status=met_late')).json()
    t.same(
      ml.items.map((b: { subjectId: string; status: string }) => [b.subjectId, b.status]),
      [[late.id, 'met_late']],
    )
    const all = (await list('')).json()
    t.equal(all.items.length, 4, 'all three statuses by default')
    t.same(
      all.items.map((b: { dueAt: string }) => b.dueAt),
      [...all.items.map((b: { dueAt: string }) => b.dueAt)].sort(),
    )
    const two = (await list('?status=overdue&status=due_soon')).json()
    t.equal(two.items.length, 3)
  })

  t.test('filters', async (t) => {
    t.equal((await list(`?teamId=${other.id}`)).json().items.length, 1)
    t.equal((await list(`?familyId=${family.id}&status=overdue`)).json().items.length, 1)
    t.equal((await list('?standard=joint-visit')).json().items.length, 0)
    t.equal((await list('?dueFrom=2027-01-07&dueTo=2027-01-12')).json().items.length, 2)
    const scoped = await api.keyFor('viewer', other.id)
    t.same(
      (await list('', {}, scoped)).json().items.map((b: { teamId: string }) => b.teamId),
      [other.id],
      'a team-scoped key sees its team only',
    )
  })

  t.test('as of another moment', async (t) => {
    const earlier = (await list('?asOf=2027-01-05T12:00:00Z')).json()
    t.same(
      earlier.items.map((b: { subjectId: string; status: string }) => [b.subjectId, b.status]),
      [
        [late.id, 'overdue'],
        [overdue.id, 'due_soon'],
      ],
      'on the 5th, the late one was still open and overdue',
    )
    const later = (await list(`?asOf=2027-01-20&status=overdue&teamId=${team.id}`)).json()
    t.same(
      later.items.map((b: { standard: string; dueDate: string }) => [b.standard, b.dueDate]),
      [
        ['allocation', '2027-01-06'],
        ['allocation', '2027-01-12'],
        ['case-discussion', '2027-01-15'],
      ],
      'by the 20th the allocation’s case discussion is overdue too',
    )
  })

  t.test('cursor pages', async (t) => {
    const first = (await list('?limit=2')).json()
    t.equal(first.items.length, 2)
    const second = (await list(`?limit=2&cursor=${first.nextCursor}`)).json()
    t.equal(second.items.length, 2)
    t.equal(second.nextCursor, null)
    t.equal(new Set([...first.items, ...second.items].map((b: { id: string }) => b.id)).size, 4)
    t.equal((await list('?cursor=garbage')).statusCode, 400)
  })

  t.test('CSV by Accept', async (t) => {
    const res = await list('?status=overdue', { accept: 'text/csv' })
    t.equal(res.statusCode, 200)
    t.match(res.headers['content-type'], /^text\/csv/)
    const lines = res.body.trimEnd().split('\r\n')
    t.equal(lines[0].split(',').slice(0, 6).join(','), '\uFEFFClock ID,Standard,Description,Status,Due date,Due at (UTC)')
    t.equal(lines.length, 3)
    t.match(lines[1], /,allocation,Allocate within 3 working days of the request,overdue,2027-01-06,2027-01-06T23:59:59.999Z,/)
  })

  t.test('summary by standard, team, practitioner and month', async (t) => {
    const byStandard = (await api.call({ method: 'GET', url: '/breaches/summary?groupBy=standard' })).json()
    t.same(byStandard.items, [{ key: 'allocation', label: null, overdue: 2, dueSoon: 1, missed: 0, metLate: 1 }])
    const byTeam = (await api.call({ method: 'GET', url: '/breaches/summary?groupBy=team' })).json()
    t.same(byTeam.items.map((i: { label: string; overdue: number }) => [i.label, i.overdue]).sort(), [
      ['North', 1],
      ['South', 1],
    ])
    const byMonth = (await api.call({ method: 'GET', url: '/breaches/summary?groupBy=month' })).json()
    t.same(
      byMonth.items,
      [
        { key: '2026-12', label: null, overdue: 0, dueSoon: 0, missed: 0, metLate: 1 },
        { key: '2027-01', label: null, overdue: 2, dueSoon: 1, missed: 0, metLate: 0 },
      ],
      'the month of the due date',
    )
    const bad = await api.call({ method: 'GET', url: '/breaches/summary?groupBy=colour' })
    t.equal(bad.statusCode, 400)
    t.equal(bad.json().errors[0].field, 'groupBy')
  })

  t.test('the clock’s explanation and its late reason', async (t) => {
    const clockId = clockOf((await api.call({ method: 'GET', url: `/service-requests/${late.id}` })).json(), 'allocation')!.id as string
    const detail = (await api.call({ method: 'GET', url: `/sla-clocks/${clockId}` })).json()
    t.match(detail, { standard: 'allocation', status: 'met_late', dueDate: '2026-12-24', lateReason: null, pauses: [] })
    t.same(detail.explanation.days.slice(0, 5), [
      { date: '2026-12-22', counted: true, workingDay: 1 },
      { date: '2026-12-23', counted: true, workingDay: 2 },
      { date: '2026-12-24', counted: true, workingDay: 3 },
      { date: '2026-12-25', counted: false, reason: 'bank_holiday', title: 'Christmas Day' },
      { date: '2026-12-26', counted: false, reason: 'weekend' },
    ])
    const missing = (await api.call({ method: 'GET', url: '/sla-clocks?late=true&lateReasonMissing=true' })).json()
    t.same(
      missing.items.map((c: { id: string }) => c.id),
      [clockId],
      'late clocks without a reason are listable',
    )
    const recorded = await api.call({
      method: 'POST',
      url: `/sla-clocks/${clockId}/late-reason`,
      payload: { reason: 'Team manager on leave over Christmas' },
    })
    t.equal(recorded.statusCode, 200)
    t.equal(recorded.json().lateReason, 'Team manager on leave over Christmas')
    t.same((await api.call({ method: 'GET', url: '/sla-clocks?late=true&lateReasonMissing=true' })).json().items, [])
    const openClock = clockOf((await api.call({ method: 'GET', url: `/service-requests/${overdue.id}` })).json(), 'allocation')!.id
    t.equal(
      (await api.call({ method: 'POST', url: `/sla-clocks/${openClock}/late-reason`, payload: { reason: 'x' } })).statusCode,
      409,
      'only a clock met late takes a reason',
    )
  })
})
