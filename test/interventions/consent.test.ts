import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, anAllocation, anIntervention, aPractitioner, aServiceRequest, aTeam, clockOf, contactPayload } from '../helpers/builders.js'

async function trtIntervention(api: Awaited<ReturnType<typeof buildTestApp>>, startedAt: string, preset = 'trt') {
  const team = await aTeam(api, { standardsPreset: preset })
  const worker = await aPractitioner(api, team.id, { caseloadCapacity: 20 })
  const family = await aFamily(api, team.id)
  const request = await aServiceRequest(api, family.id, team.id, { receivedAt: '2026-09-28T09:00:00Z' })
  const allocation = await anAllocation(api, request.id, worker.id, { allocatedAt: '2026-09-29T09:00:00Z' })
  return anIntervention(api, allocation.id, startedAt)
}

t.test('consent lapses after 3 months: nothing is recorded after it until the family consents again', async (t) => {
  const api = await buildTestApp(t)
  // Started Wed 30 September 2026: consent runs to 30 December, at most to 30 March in all.
  const intervention = await trtIntervention(api, '2026-09-30T10:00:00Z')
  const id = intervention.id
  const post = (path: string, payload: object) => api.call({ method: 'POST', url: `/interventions/${id}/${path}`, payload })
  t.equal(intervention.consentUntil, '2026-12-30')

  t.equal((await post('contacts', contactPayload('2026-12-30T15:00:00Z'))).statusCode, 201, 'a contact on the last day of consent is recorded')
  const contact = await post('contacts', contactPayload('2026-12-31T10:00:00Z'))
  t.equal(contact.statusCode, 409)
  t.match(contact.json(), { type: '/problems/consent-lapsed', detail: /consent ran to 2026-12-30/ }, 'the problem says consent has lapsed')
  t.equal((await post('reviews', { heldAt: '2027-01-05T10:00:00Z', decision: 'continue' })).json().type, '/problems/consent-lapsed', 'no review')
  t.equal(
    (await post('consent-extension', { extendedAt: '2027-01-04T10:00:00Z', until: '2027-03-30', recordedBy: 'TM' })).json().type,
    '/problems/consent-lapsed',
    'no extension',
  )
  t.match(clockOf((await api.call({ method: 'GET', url: `/interventions/${id}` })).json(), 'consent-period'), { dueDate: '2026-12-30', status: 'overdue' })

  t.equal(
    (await post('consent-renewal', { renewedAt: '2027-01-06T10:00:00Z', until: '2027-03-31', recordedBy: 'TM' })).json().errors[0].field,
    'until',
    'not past 6 months in all',
  )
  const renewed = await post('consent-renewal', {
    renewedAt: '2027-01-06T10:00:00Z',
    until: '2027-03-30',
    recordedBy: 'TM',
    notes: 'Family agreed to continue',
  })
  t.equal(renewed.statusCode, 200)
  t.equal(renewed.json().consentUntil, '2027-03-30')
  t.match(clockOf(renewed.json(), 'consent-period'), { status: 'met_late', completedAt: '2027-01-06T10:00:00.000Z' }, 'the lapse stays on record')
  t.match(
    clockOf(renewed.json(), 'extended-consent'),
    { dueDate: '2027-03-30', status: 'on_track', target: { amount: 0, unit: 'date_given' } },
    'the renewed consent carries its own clock',
  )
  t.equal((await post('contacts', contactPayload('2027-01-07T10:00:00Z'))).statusCode, 201, 'work continues under renewed consent')
  const again = await post('consent-renewal', { renewedAt: '2027-01-08T10:00:00Z', until: '2027-03-30', recordedBy: 'TM' })
  t.equal(again.statusCode, 409, 'consent still runs: nothing to renew')
})

t.test('an extension before the lapse carries its own clock, due on the date extended to', async (t) => {
  const api = await buildTestApp(t, { now: '2027-05-01T12:00:00Z' })
  const intervention = await trtIntervention(api, '2026-11-02T10:00:00Z')
  const post = (path: string, payload: object) => api.call({ method: 'POST', url: `/interventions/${intervention.id}/${path}`, payload })
  const extended = (await post('consent-extension', { extendedAt: '2027-01-20T10:00:00Z', until: '2027-04-15', recordedBy: 'TM' })).json()
  t.equal(extended.consentUntil, '2027-04-15')
  t.match(clockOf(extended, 'consent-period'), { status: 'met' })
  t.match(clockOf(extended, 'extended-consent'), { dueDate: '2027-04-15', startedAt: '2027-01-20T10:00:00.000Z' })
  const now = (await api.call({ method: 'GET', url: `/interventions/${intervention.id}` })).json()
  t.match(clockOf(now, 'extended-consent'), { status: 'overdue', workingDaysRemaining: -11 }, 'still open after the date: a breach')
  t.equal(
    (await post('consent-extension', { extendedAt: '2027-02-01T10:00:00Z', until: '2027-04-20', recordedBy: 'TM' })).statusCode,
    409,
    'extended once only',
  )
  t.equal((await post('contacts', contactPayload('2027-04-16T10:00:00Z'))).json().type, '/problems/consent-lapsed', 'not after the extended date')
  const ended = (await post('end', { endedAt: '2027-04-20T10:00:00Z', summary: 'x', childViews: 'x', progress: 'x', onwardSupport: 'x' })).json()
  t.match(clockOf(ended, 'extended-consent'), { status: 'met_late' }, 'the ending stops it, late: the work ran past consent')
})

t.test('a service that sets no consent period has none to lapse', async (t) => {
  const api = await buildTestApp(t)
  const intervention = await trtIntervention(api, '2026-10-01T10:00:00Z', 'targeted-help')
  t.equal(intervention.consentUntil, null)
  t.equal(
    (await api.call({ method: 'POST', url: `/interventions/${intervention.id}/contacts`, payload: contactPayload('2027-01-20T10:00:00Z') })).statusCode,
    201,
  )
  t.equal(
    (await api.call({ method: 'POST', url: `/interventions/${intervention.id}/consent-extension`, payload: { until: '2027-03-30', recordedBy: 'TM' } }))
      .statusCode,
    409,
  )
})
