import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aContact, anAllocatedCase, anIntervention, clockOf } from '../helpers/builders.js'

t.test('other presets, and the caseload view', async (t) => {
  const api = await buildTestApp(t, { now: '2027-08-20T12:00:00Z' })
  const post = (id: string, path: string, payload: object) => api.call({ method: 'POST', url: `/interventions/${id}/${path}`, payload })

  t.test('Targeted Help: first review 6 weeks after allocation, then each within 12 weeks of the last; no maximum duration', async (t) => {
    const { allocation } = await anAllocatedCase(api, { preset: 'targeted-help', allocatedAt: '2027-01-29T09:00:00Z' })
    t.match(clockOf(allocation, 'first-review'), { dueDate: '2027-03-12' }, 'Fri 29 Jan + 6 weeks')
    const i = await anIntervention(api, allocation.id, '2027-01-31T10:00:00Z')
    t.same(i.sla.clocks, [], 'no 12-week maximum: the case stays open until the support is completed (001)')
    const first = (await post(i.id, 'reviews', { heldAt: '2027-03-10T10:00:00Z', decision: 'continue' })).json()
    t.match(
      clockOf((await api.call({ method: 'GET', url: `/allocations/${allocation.id}` })).json(), 'first-review'),
      { status: 'met' },
      'the intervention’s review stops the allocation’s clock',
    )
    t.match(clockOf(first, 'review'), { dueDate: '2027-06-02', startedAt: '2027-03-10T10:00:00.000Z' }, 'the next review within 12 weeks of this one')
    const second = (await post(i.id, 'reviews', { heldAt: '2027-05-20T10:00:00Z', decision: 'continue' })).json()
    t.same(
      second.sla.clocks.map((c: { standard: string; dueDate: string; status: string }) => [c.standard, c.dueDate, c.status]),
      [
        ['review', '2027-06-02', 'met'],
        ['review', '2027-08-12', 'overdue'],
      ],
      'each review held starts the next 12 weeks',
    )
    await post(i.id, 'suspend', { at: '2027-05-24T09:00:00Z', reason: 'Section 47 enquiry' })
    const resumed = (await post(i.id, 'resume', { at: '2027-05-31T09:00:00Z' })).json()
    t.equal(resumed.sla.clocks.at(-1).dueDate, '2027-08-18', 'paused Mon 24 .. Mon 31 May (a bank holiday): 4 working days added')
    const extended = await post(i.id, 'reviews', { heldAt: '2027-06-01T10:00:00Z', decision: 'extend', extendedUntil: '2028-06-01' })
    t.equal(extended.statusCode, 200, 'a manager may plan the work as long as it needs')
  })

  t.test('Level 3: TAF reviews every 8 weeks, five-month check, and the final meeting before closure', async (t) => {
    const { allocation } = await anAllocatedCase(api, { preset: 'level-3', allocatedAt: '2027-01-04T09:00:00Z' })
    const i = await anIntervention(api, allocation.id, '2027-01-31T10:00:00Z')
    t.same(
      i.sla.clocks.map((c: { standard: string; dueDate: string }) => [c.standard, c.dueDate]),
      [
        ['five-month-check', '2027-06-30'],
        ['maximum-duration', '2027-07-31'],
      ],
      'from 31 January: 30 June and 31 July',
    )
    t.equal((await post(i.id, 'meetings', { kind: 'taf_review', heldAt: '2027-02-10T10:00:00Z' })).statusCode, 409, 'reviews follow the first meeting')
    const first = (await post(i.id, 'meetings', { kind: 'first', heldAt: '2027-02-10T10:00:00Z' })).json()
    t.equal(clockOf(first, 'taf-review')!.dueDate, '2027-04-07')
    const review = (await post(i.id, 'meetings', { kind: 'taf_review', heldAt: '2027-04-01T10:00:00Z' })).json()
    t.same(
      review.sla.clocks.filter((c: { standard: string }) => c.standard === 'taf-review').map((c: { dueDate: string; status: string }) => [c.dueDate, c.status]),
      [
        ['2027-04-07', 'met'],
        ['2027-05-27', 'overdue'],
      ],
    )
    t.match(clockOf((await post(i.id, 'five-month-check', { heldAt: '2027-06-28T10:00:00Z', checkedBy: 'Co-ordinator' })).json(), 'five-month-check'), {
      status: 'met',
    })
    const end = { endedAt: '2027-07-20T10:00:00Z', summary: 's', childViews: 'c', progress: 'p', onwardSupport: 'o' }
    const refused = await post(i.id, 'end', end)
    t.equal(refused.statusCode, 422, 'a final meeting must be held before closure')
    await post(i.id, 'meetings', { kind: 'final', heldAt: '2027-07-19T10:00:00Z' })
    const ended = (await post(i.id, 'end', end)).json()
    t.same(
      ended.sla.clocks.filter((c: { status: string }) => !['met', 'met_late', 'missed', 'cancelled'].includes(c.status)),
      [],
      'every clock has its verdict',
    )
    t.same(
      ended.sla.clocks.filter((c: { status: string }) => c.status === 'missed').map((c: { standard: string; dueDate: string }) => [c.standard, c.dueDate]),
      [['taf-review', '2027-05-27']],
      'the TAF review owed since 27 May was never held: missed',
    )
  })

  t.test('caseload: active families, next due clock, weekly contact', async (t) => {
    const first = await anAllocatedCase(api, { allocatedAt: '2027-08-02T09:00:00Z' })
    const second = await anAllocatedCase(api, { team: first.team, practitioner: first.practitioner, allocatedAt: '2027-08-03T09:00:00Z' })
    const onTrack = await anIntervention(api, first.allocation.id, '2027-08-04T10:00:00Z')
    await aContact(api, onTrack.id, '2027-08-18T10:00:00Z')
    const late = await anIntervention(api, second.allocation.id, '2027-08-05T10:00:00Z')
    const res = await api.call({ method: 'GET', url: `/practitioners/${first.practitioner.id}/caseload`, key: await api.keyFor('viewer') })
    t.equal(res.statusCode, 200)
    const body = res.json()
    t.equal(body.activeFamilies, 2)
    t.match(body.items[0], {
      interventionId: onTrack.id,
      weeklyContact: { status: 'on_track', onTrack: true, lastContactAt: '2027-08-18T10:00:00.000Z', dueDate: '2027-08-25' },
    })
    t.match(
      body.items[1],
      {
        interventionId: late.id,
        weeklyContact: { status: 'overdue', onTrack: false, lastContactAt: null, dueDate: '2027-08-12' },
        nextDue: { standard: 'case-discussion', dueDate: '2027-08-10' },
      },
      'the case discussion (3 Aug + 5 working days) is still owed and due first',
    )
    t.equal(
      (
        await api.call({
          method: 'GET',
          url: `/practitioners/${first.practitioner.id}/caseload`,
          key: await api.keyFor(
            'viewer',
            (
              await api.call({
                method: 'POST',
                url: '/teams',
                payload: { name: 'Other', calendarId: 'england-and-wales', standardsPreset: 'trt', caseloadCapacity: 5 },
              })
            ).json().id,
          ),
        })
      ).statusCode,
      404,
    )
  })
})
