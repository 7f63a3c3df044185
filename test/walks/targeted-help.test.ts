import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aPractitioner, aServiceRequest, aTeam } from '../helpers/builders.js'
import { step } from './clocks.js'

t.test('a Targeted Help case from the panel to closure, with its clocks at each step (001)', async (t) => {
  const api = await buildTestApp(t, { now: '2027-07-16T12:00:00Z' })
  const post = async (url: string, payload: object) => {
    const res = await api.call({ method: 'POST', url, payload })
    if (res.statusCode >= 300) throw new Error(`POST ${url} gave ${res.statusCode}: ${res.body}`)
    return res.json()
  }
  /** A read as of a moment of the walk, so each step shows its clocks as they stood then. */
  const get = async (url: string, asOf?: string) =>
    (await api.call({ method: 'GET', url: asOf ? `${url}${url.includes('?') ? '&' : '?'}asOf=${asOf}` : url })).json()
  const team = await aTeam(api, { standardsPreset: 'targeted-help' })
  const coordinator = await aPractitioner(api, team.id, { name: 'Kim Co-ordinator' })
  const family = await aFamily(api, team.id)

  const request = await aServiceRequest(api, family.id, team.id, {
    route: 'safeguarding_hub',
    receivedAt: '2027-01-04T09:00:00Z',
    consent: { given: true, recordedAt: '2027-01-04T08:30:00Z', recordedBy: 'MASH screener', givenBy: { name: 'Alex Example', relationship: 'parent' } },
  })
  t.same(step(t, '1. Request screened by the MASH, received Mon 4 Jan 2027 with the family’s consent', { request }).request, [])
  t.match((await get(`/consents?serviceRequestId=${request.id}`)).items, [{ decision: 'given', obtainedAt: 'request', scopes: ['sharing', 'service'] }])

  const panel = await post('/panels', {
    teamId: team.id,
    kind: 'targeted_help_panel',
    heldAt: '2027-01-06T10:00:00Z',
    chairedBy: 'Targeted Help manager',
    attendees: [
      { name: 'Targeted Help manager', organisation: 'Targeted Help' },
      { name: 'Ms Green', organisation: 'Northfield Primary School' },
      { name: 'Dr Patel', organisation: 'Health visiting' },
    ],
    minutesReference: 'TH-PANEL-2027-01-06',
    decisions: [{ serviceRequestId: request.id, decision: 'allocated', practitionerId: coordinator.id }],
  })
  const allocationId = panel.decisions[0].allocationId
  const workOf = async (asOf: string) => (await get(`/interventions?allocationId=${allocationId}`, asOf)).items[0]
  const allocated = step(t, '2. Weekly panel Wed 6 Jan names the Targeted Help co-ordinator', {
    allocation: await get(`/allocations/${allocationId}`, '2027-01-06T11:00:00Z'),
  })
  t.same(allocated.allocation, ['first-review on_track 2027-02-17'], 'progress reviewed 6 weeks after allocation')
  t.match(await get(`/service-requests/${request.id}`), { status: 'allocated', panelId: panel.id })

  const assessment = await post('/assessments', {
    serviceRequestId: request.id,
    kind: 'early_help_assessment',
    model: 'Family Star Plus',
    startedAt: '2027-01-11T10:00:00Z',
    startedBy: 'Kim Co-ordinator',
  })
  const assessed = await post(`/assessments/${assessment.id}/complete`, {
    completedAt: '2027-01-20T15:00:00Z',
    completedBy: 'Kim Co-ordinator',
    participants: [
      { name: 'Alex Example', role: 'parent' },
      { name: 'Sam Example', role: 'child' },
    ],
    childSeen: true,
    childSeenOn: '2027-01-13',
    familyViews: 'Alex wants help with routines',
    needs: [{ area: 'Routines', description: 'Mornings are chaotic' }],
  })
  t.equal(assessed.status, 'completed')
  step(t, '3. Early Help Assessment 11–20 Jan (no timescale in the documents)', {
    allocation: await get(`/allocations/${allocationId}`, '2027-01-20T16:00:00Z'),
  })

  const plan = await post('/plans', {
    serviceRequestId: request.id,
    kind: 'taf_plan',
    summary: 'Calmer mornings',
    agreedBy: ['Alex (parent)', 'Kim (co-ordinator)', 'Ms Green (school)'],
    agreedAt: '2027-01-27T10:00:00Z',
    actions: [{ what: 'Morning routine chart', who: 'Alex', dueOn: '2027-02-26' }],
  })
  const intervention = await post('/interventions', { allocationId, startedAt: '2027-01-27T10:00:00Z' })
  const planned = step(t, '4. Single TAF Plan agreed Wed 27 Jan with one action; the work starts', {
    'plan action': (await get(`/plans/${plan.id}`, '2027-01-27T11:00:00Z')).actions[0],
    intervention: await workOf('2027-01-27T11:00:00Z'),
  })
  t.same(planned['plan action'], ['plan-action on_track 2027-02-26'], 'due at the end of its date')
  t.same(planned.intervention, [])

  await post(`/interventions/${intervention.id}/reviews`, { heldAt: '2027-02-17T10:00:00Z', decision: 'continue' })
  const firstPlanReview = await post(`/plans/${plan.id}/reviews`, {
    heldAt: '2027-02-17T10:00:00Z',
    heldBy: 'Kim (co-ordinator)',
    notes: 'Routine chart in use',
  })
  await post(`/plans/${plan.id}/actions/${plan.actions[0].id}/done`, { doneAt: '2027-02-24T10:00:00Z' })
  const firstReview = step(t, '5. First review Wed 17 Feb, at 6 weeks: plan version 2; the action done 24 Feb', {
    allocation: await get(`/allocations/${allocationId}`, '2027-02-24T11:00:00Z'),
    intervention: await workOf('2027-02-24T11:00:00Z'),
    'plan action': (await get(`/plans/${plan.id}`)).actions[0],
  })
  t.equal(firstPlanReview.currentVersion, 2)
  t.same(firstReview.allocation, ['first-review met 2027-02-17'])
  t.same(firstReview.intervention, ['review on_track 2027-05-12'], 'then within 12 weeks of the last review')
  t.same(firstReview['plan action'], ['plan-action met 2027-02-26'])

  await post(`/interventions/${intervention.id}/reviews`, { heldAt: '2027-05-05T10:00:00Z', decision: 'continue' })
  await post(`/plans/${plan.id}/reviews`, { heldAt: '2027-05-05T10:00:00Z', heldBy: 'Kim (co-ordinator)', notes: 'Mornings calm' })
  const secondReview = step(t, '6. Second review Wed 5 May: plan version 3', { intervention: await workOf('2027-05-05T11:00:00Z') })
  t.same(secondReview.intervention, ['review met 2027-05-12', 'review on_track 2027-07-28'])

  await post(`/interventions/${intervention.id}/end`, {
    endedAt: '2027-06-30T10:00:00Z',
    summary: 'Routines in place',
    childViews: 'Sam says mornings are better',
    progress: 'On time every day for 8 weeks',
    onwardSupport: 'Universal services',
  })
  const closed = step(t, '7. Support completed and the outcome recorded Wed 30 Jun: the case closes', {
    intervention: await workOf('2027-06-30T11:00:00Z'),
    request: await get(`/service-requests/${request.id}`, '2027-06-30T11:00:00Z'),
  })
  t.same(
    closed.intervention.filter((c) => c.startsWith('review')),
    ['review met 2027-05-12', 'review cancelled 2027-07-28'],
    'no review is owed once the work has ended; no maximum duration (001)',
  )
  t.same((await get(`/plans/${plan.id}/versions`)).items.length, 3, 'every version of the plan is kept')
})
