import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aServiceRequest, aTeam, requestPayload } from '../helpers/builders.js'

t.test('requests for service', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const family = await aFamily(api, team.id)

  t.test('the allocation clock of the contract’s worked example', async (t) => {
    const created = await aServiceRequest(api, family.id, team.id)
    t.equal(created.status, 'received')
    const res = await api.call({ method: 'GET', url: `/service-requests/${created.id}?asOf=2026-12-29T12:00:00Z` })
    const { sla } = res.json()
    t.equal(sla.asOf, '2026-12-29T12:00:00.000Z')
    t.equal(sla.status, 'due_soon')
    t.match(sla.clocks, [
      {
        standard: 'allocation',
        title: 'Allocate within 3 working days of the request',
        target: { amount: 3, unit: 'working_days' },
        calendar: 'england-and-wales',
        startedAt: '2026-12-23T10:00:00.000Z',
        dueDate: '2026-12-30',
        dueAt: '2026-12-30T23:59:59.999Z',
        completedAt: null,
        status: 'due_soon',
        workingDaysElapsed: 2,
        workingDaysRemaining: 1,
      },
    ])
    const onTrack = await api.call({ method: 'GET', url: `/service-requests/${created.id}?asOf=2026-12-24T12:00:00Z` })
    t.equal(onTrack.json().sla.clocks[0].status, 'on_track')
    const overdue = await api.call({ method: 'GET', url: `/service-requests/${created.id}?asOf=2026-12-31T00:00:00Z` })
    t.match(overdue.json().sla.clocks[0], { status: 'overdue', workingDaysRemaining: -1 })
    const before = await api.call({ method: 'GET', url: `/service-requests/${created.id}?asOf=2026-12-22T00:00:00Z` })
    t.same(before.json().sla, { asOf: '2026-12-22T00:00:00.000Z', status: 'none', clocks: [] }, 'no clock before it started')
    const familyView = await api.call({ method: 'GET', url: `/families/${family.id}?asOf=2026-12-29T12:00:00Z` })
    t.equal(familyView.json().sla.status, 'due_soon', 'the family carries the block over its open work')
    t.equal(familyView.json().sla.clocks[0].id, sla.clocks[0].id)
  })

  t.test('the consent rule', async (t) => {
    const without = await api.call({ method: 'POST', url: '/service-requests', payload: requestPayload(family.id, team.id, { consent: undefined }) })
    t.equal(without.statusCode, 422)
    t.equal(without.json().type, '/problems/consent-required')
    const refused = await api.call({
      method: 'POST',
      url: '/service-requests',
      payload: requestPayload(family.id, team.id, { consent: { given: false, recordedAt: '2026-12-22T15:00:00Z', recordedBy: 'Jo' } }),
    })
    t.equal(refused.statusCode, 422)
    t.equal(refused.json().errors[0].field, 'consent.given')
    t.equal(
      Number(
        (
          await api.db
            .selectFrom('serviceRequests')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('consent', 'is', null)
            .executeTakeFirstOrThrow()
        ).n,
      ),
      0,
      'nothing was written',
    )
    const level3 = await aTeam(api, { standardsPreset: 'level-3' })
    const level3Family = await aFamily(api, level3.id)
    const later = await api.call({ method: 'POST', url: '/service-requests', payload: requestPayload(level3Family.id, level3.id, { consent: undefined }) })
    t.equal(later.statusCode, 201, 'Level 3 obtains consent at the initial visit, not before the request')
  })

  t.test('event times are not in the future', async (t) => {
    const res = await api.call({
      method: 'POST',
      url: '/service-requests',
      payload: requestPayload(family.id, team.id, { receivedAt: '2099-01-01T00:00:00Z' }),
    })
    t.equal(res.statusCode, 400)
    t.equal(res.json().errors[0].field, 'receivedAt')
  })

  t.test('received on a Saturday: Monday is working day 1', async (t) => {
    const created = await aServiceRequest(api, family.id, team.id, { receivedAt: '2026-11-21T11:00:00Z' })
    t.equal(created.sla.clocks[0].dueDate, '2026-11-25', 'Mon 23, Tue 24, Wed 25')
  })

  t.test('late at night in summer the London date counts, not the UTC date', async (t) => {
    const created = await aServiceRequest(api, family.id, team.id, { receivedAt: '2026-07-14T23:30:00Z' })
    t.equal(created.sla.clocks[0].dueDate, '2026-07-20', 'received Wednesday 15 July in London: Thu 16, Fri 17, Mon 20')
    t.equal(created.sla.clocks[0].dueAt, '2026-07-20T22:59:59.999Z', 'due at the end of the London day (BST)')
  })

  t.test('Scotland against England', async (t) => {
    const scotland = await aTeam(api, { calendarId: 'scotland' })
    const scottishFamily = await aFamily(api, scotland.id)
    const sc = await aServiceRequest(api, scottishFamily.id, scotland.id, { receivedAt: '2026-12-31T10:00:00Z' })
    const en = await aServiceRequest(api, family.id, team.id, { receivedAt: '2026-12-31T10:00:00Z' })
    t.equal(en.sla.clocks[0].dueDate, '2027-01-06', 'England: Mon 4, Tue 5, Wed 6 January')
    t.equal(sc.sla.clocks[0].dueDate, '2027-01-07', 'Scotland: 2 January falls on a Saturday, substituted to Mon 4; so Tue 5, Wed 6, Thu 7')
  })

  t.test('decisions', async (t) => {
    const request = await aServiceRequest(api, family.id, team.id)
    const noReason = await api.call({
      method: 'POST',
      url: `/service-requests/${request.id}/decision`,
      payload: { decision: 'declined', decidedBy: 'Team manager', decidedAt: '2026-12-24T09:00:00Z' },
    })
    t.equal(noReason.statusCode, 400)
    t.equal(noReason.json().errors[0].field, 'reason')
    const practitioner = await api.keyFor('practitioner')
    t.equal(
      (
        await api.call({
          method: 'POST',
          url: `/service-requests/${request.id}/decision`,
          key: practitioner,
          payload: { decision: 'accepted', decidedBy: 'x' },
        })
      ).statusCode,
      403,
    )
    const declined = await api.call({
      method: 'POST',
      url: `/service-requests/${request.id}/decision`,
      payload: { decision: 'declined', decidedBy: 'Team manager', decidedAt: '2026-12-24T09:00:00Z', reason: 'Needs are met by the school' },
    })
    t.equal(declined.statusCode, 200)
    t.match(declined.json(), {
      status: 'declined',
      decision: { decision: 'declined', decidedAt: '2026-12-24T09:00:00.000Z', reason: 'Needs are met by the school' },
    })
    const clock = declined.json().sla.clocks[0]
    t.match(clock, { standard: 'allocation', status: 'met', completedAt: '2026-12-24T09:00:00.000Z' }, 'declining in time meets the clock')
    const again = await api.call({ method: 'POST', url: `/service-requests/${request.id}/decision`, payload: { decision: 'accepted', decidedBy: 'x' } })
    t.equal(again.statusCode, 409)

    const late = await aServiceRequest(api, family.id, team.id)
    const returned = await api.call({
      method: 'POST',
      url: `/service-requests/${late.id}/decision`,
      payload: { decision: 'returned', decidedBy: 'Team manager', decidedAt: '2027-01-04T09:00:00Z', reason: 'Incomplete' },
    })
    t.equal(returned.json().sla.clocks[0].status, 'met_late', 'returned after the due date: met late')
    t.equal(returned.json().sla.status, 'met_late')
  })

  t.test('withdrawal cancels the clock without a verdict', async (t) => {
    const request = await aServiceRequest(api, family.id, team.id)
    const res = await api.call({
      method: 'POST',
      url: `/service-requests/${request.id}/withdraw`,
      payload: { withdrawnAt: '2026-12-24T09:00:00Z', reason: 'Family moved away' },
    })
    t.equal(res.statusCode, 200)
    t.match(res.json(), { status: 'withdrawn', endedReason: 'withdrawn' })
    t.equal(res.json().sla.clocks[0].status, 'cancelled')
    t.equal((await api.call({ method: 'POST', url: `/service-requests/${request.id}/withdraw`, payload: { reason: 'again' } })).statusCode, 409)
  })

  t.test('external references and filters', async (t) => {
    const request = await aServiceRequest(api, family.id, team.id, { externalRefs: [{ system: 'mosaic', value: 'REF-77' }] })
    const found = await api.call({ method: 'GET', url: `/service-requests?externalRef=${encodeURIComponent('mosaic|REF-77')}` })
    t.same(
      found.json().items.map((r: { id: string }) => r.id),
      [request.id],
    )
    const dup = await api.call({
      method: 'POST',
      url: '/service-requests',
      payload: requestPayload(family.id, team.id, { externalRefs: [{ system: 'mosaic', value: 'REF-77' }] }),
    })
    t.equal(dup.statusCode, 409)
    const withdrawn = await api.call({ method: 'GET', url: '/service-requests?status=withdrawn' })
    t.equal(withdrawn.json().items.length, 1)
  })
})
