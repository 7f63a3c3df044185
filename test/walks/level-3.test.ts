import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aPractitioner, aServiceRequest, aTeam } from '../helpers/builders.js'
import { step } from './clocks.js'

const parent = { name: 'Alex Example', relationship: 'parent' }

t.test('a Level 3 case from screening to closure, with its clocks at each step (002)', async (t) => {
  const api = await buildTestApp(t, { now: '2027-07-16T12:00:00Z' })
  const post = async (url: string, payload: object) => {
    const res = await api.call({ method: 'POST', url, payload })
    if (res.statusCode >= 300) throw new Error(`POST ${url} gave ${res.statusCode}: ${res.body}`)
    return res.json()
  }
  /** A read as of a moment of the walk, so each step shows its clocks as they stood then. */
  const get = async (url: string, asOf?: string) =>
    (await api.call({ method: 'GET', url: asOf ? `${url}${url.includes('?') ? '&' : '?'}asOf=${asOf}` : url })).json()
  const workOf = async (asOf: string) => (await get(`/interventions?allocationId=${allocationId}`, asOf)).items[0]
  const team = await aTeam(api, { standardsPreset: 'level-3' })
  const worker = await aPractitioner(api, team.id, { name: 'Kim Example' })
  const family = await aFamily(api, team.id)

  const received = await aServiceRequest(api, family.id, team.id, { consent: undefined, route: 'other', receivedAt: '2027-01-04T09:00:00Z' })
  t.same(step(t, '1. Request received Mon 4 Jan 2027 (consent comes at the initial visit)', { request: received }).request, [])

  const accepted = await post(`/service-requests/${received.id}/decision`, {
    decision: 'accepted',
    decidedBy: 'Locality team',
    decidedAt: '2027-01-04T14:00:00Z',
  })
  t.same(
    step(t, '2. Screened and accepted by the locality team, Mon 4 Jan', { request: await get(`/service-requests/${accepted.id}`, '2027-01-04T15:00:00Z') })
      .request,
    ['allocation on_track 2027-01-10'],
    '6 days from acceptance',
  )

  const meeting = await post('/panels', {
    teamId: team.id,
    kind: 'allocation_meeting',
    heldAt: '2027-01-07T10:00:00Z',
    chairedBy: 'Family support co-ordinator',
    attendees: [{ name: 'Family support co-ordinator', organisation: 'Locality team' }],
    minutesReference: 'L3-ALLOC-2027-01-07',
    decisions: [{ serviceRequestId: received.id, decision: 'allocated', practitionerId: worker.id }],
  })
  const allocationId = meeting.decisions[0].allocationId
  const allocated = step(t, '3. Allocation meeting Thu 7 Jan names the family support worker', {
    request: await get(`/service-requests/${received.id}`, '2027-01-07T11:00:00Z'),
    allocation: await get(`/allocations/${allocationId}`, '2027-01-07T11:00:00Z'),
  })
  t.same(allocated.request, ['allocation met 2027-01-10'], 'met on the 7th')
  t.same(
    [...allocated.allocation].sort(),
    ['assessment on_track 2027-02-04', 'initial-visit on_track 2027-01-12', 'plan-sign-off on_track 2027-02-04'],
    'initial visit in 5 days; assessment and plan sign-off in 20 working days',
  )
  t.match((await get(`/service-requests/${received.id}`)).panelId, meeting.id, 'the request carries the meeting’s id')

  await post(`/allocations/${allocationId}/initial-visit`, {
    heldAt: '2027-01-11T10:00:00Z',
    consent: { decision: 'given', scopes: ['sharing', 'service'], givenBy: parent, recordedBy: 'Kim Example' },
  })
  t.ok(
    step(t, '4. Initial visit Mon 11 Jan; consent obtained there', {
      allocation: await get(`/allocations/${allocationId}`, '2027-01-11T11:00:00Z'),
    }).allocation.includes('initial-visit met 2027-01-12'),
  )
  t.match((await get(`/consents?serviceRequestId=${received.id}`)).items, [{ decision: 'given', obtainedAt: 'initial_visit' }])

  const assessment = await post('/assessments', {
    serviceRequestId: received.id,
    kind: 'level_3_assessment',
    startedAt: '2027-01-12T10:00:00Z',
    startedBy: 'Kim Example',
  })
  await post(`/assessments/${assessment.id}/complete`, {
    completedAt: '2027-01-22T15:00:00Z',
    completedBy: 'Kim Example',
    participants: [
      { name: 'Alex Example', role: 'parent' },
      { name: 'Sam Example', role: 'child' },
      { name: 'Ms Green', role: 'school' },
    ],
    childSeen: true,
    childSeenOn: '2027-01-14',
    familyViews: 'Alex wants calmer mornings',
    needs: [{ area: 'School attendance', description: 'Late three mornings a week' }],
  })
  t.ok(
    step(t, '5. Assessment 12–22 Jan with the family and school', {
      allocation: await get(`/allocations/${allocationId}`, '2027-01-22T16:00:00Z'),
    }).allocation.includes('assessment met 2027-02-04'),
  )

  const plan = await post('/plans', {
    serviceRequestId: received.id,
    kind: 'level_3_plan',
    summary: 'Calmer mornings and full attendance',
    agreedBy: ['Alex (parent)', 'Kim (FSW)', 'Ms Green (school)'],
    agreedAt: '2027-01-25T10:00:00Z',
    actions: [
      { what: 'Morning routine chart', who: 'Kim', dueOn: '2027-02-19' },
      { what: 'Breakfast club place', who: 'Ms Green', dueOn: '2027-03-31' },
    ],
  })
  await post(`/plans/${plan.id}/sign-off`, { signedOffAt: '2027-02-01T10:00:00Z', signedOffBy: 'Family support co-ordinator' })
  const signed = await get(`/plans/${plan.id}`, '2027-02-01T11:00:00Z')
  const signedSteps = step(t, '6. Plan agreed Mon 25 Jan with two actions; signed off Mon 1 Feb', {
    'plan action 1': signed.actions[0],
    'plan action 2': signed.actions[1],
    allocation: await get(`/allocations/${allocationId}`, '2027-02-01T11:00:00Z'),
  })
  t.ok(signedSteps.allocation.includes('plan-sign-off met 2027-02-04'), 'signed off within 20 working days of allocation')
  t.same([signedSteps['plan action 1'], signedSteps['plan action 2']], [['plan-action on_track 2027-02-19'], ['plan-action on_track 2027-03-31']])
  t.equal(signed.status, 'signed_off')

  const intervention = await post('/interventions', { allocationId, startedAt: '2027-02-01T10:00:00Z' })
  await post(`/interventions/${intervention.id}/meetings`, { kind: 'first', heldAt: '2027-02-08T10:00:00Z' })
  await post(`/plans/${plan.id}/actions/${plan.actions[0].id}/done`, { doneAt: '2027-02-15T10:00:00Z' })
  await post(`/plans/${plan.id}/actions/${plan.actions[1].id}/done`, { doneAt: '2027-03-30T10:00:00Z' })
  const firstReview = await post(`/plans/${plan.id}/reviews`, {
    kind: 'taf_review',
    heldAt: '2027-04-01T10:00:00Z',
    heldBy: 'Kim (FSW)',
    notes: 'Mornings calmer',
  })
  const secondReview = await post(`/plans/${plan.id}/reviews`, { kind: 'taf_review', heldAt: '2027-05-20T10:00:00Z', heldBy: 'Kim (FSW)' })
  t.equal(firstReview.currentVersion, 2)
  t.equal(secondReview.currentVersion, 3, 'each TAF review makes a new version of the plan')
  await post(`/interventions/${intervention.id}/five-month-check`, { heldAt: '2027-06-28T10:00:00Z', checkedBy: 'Family support co-ordinator' })
  const reviewed = step(t, '7. Work from Mon 1 Feb; first TAF meeting 8 Feb; actions done; TAF reviews 1 Apr and 20 May; five-month check 28 Jun', {
    intervention: await workOf('2027-06-28T11:00:00Z'),
    'plan action 1': (await get(`/plans/${plan.id}`)).actions[0],
    'plan action 2': (await get(`/plans/${plan.id}`)).actions[1],
  })
  t.same([reviewed['plan action 1'], reviewed['plan action 2']], [['plan-action met 2027-02-19'], ['plan-action met 2027-03-31']])
  t.same(
    reviewed.intervention.filter((c) => c.startsWith('taf-review')),
    ['taf-review met 2027-04-05', 'taf-review met 2027-05-27', 'taf-review on_track 2027-07-15'],
  )
  t.ok(reviewed.intervention.includes('five-month-check met 2027-07-01'))

  await post(`/interventions/${intervention.id}/meetings`, { kind: 'final', heldAt: '2027-07-12T10:00:00Z' })
  await post(`/interventions/${intervention.id}/end`, {
    endedAt: '2027-07-14T10:00:00Z',
    summary: 'Routines in place',
    childViews: 'Sam likes breakfast club',
    progress: 'Attendance 98%',
    onwardSupport: 'School pastoral lead',
  })
  const closed = step(t, '8. Final TAF meeting 12 Jul; work ended Wed 14 Jul', {
    intervention: await workOf('2027-07-14T11:00:00Z'),
    request: await get(`/service-requests/${received.id}`, '2027-07-14T11:00:00Z'),
  })
  t.ok(closed.intervention.includes('maximum-duration met 2027-08-01'), 'ended within 6 months')
  t.ok(closed.intervention.includes('taf-review cancelled 2027-07-15'), 'the next review is not owed once the work ended')
})
