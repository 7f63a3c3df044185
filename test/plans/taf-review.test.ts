import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { anAllocatedCase, anIntervention, clockOf } from '../helpers/builders.js'

t.test('a TAF review reviews the plan: a new version, and the 8-weekly review clock stopped and started again (002)', async (t) => {
  const api = await buildTestApp(t, { now: '2027-04-01T12:00:00Z' })
  const { request, allocation } = await anAllocatedCase(api, { preset: 'level-3', allocatedAt: '2027-01-04T09:00:00Z' })
  await api.call({
    method: 'POST',
    url: `/allocations/${allocation.id}/initial-visit`,
    payload: {
      heldAt: '2027-01-06T10:00:00Z',
      consent: { decision: 'given', scopes: ['sharing', 'service'], givenBy: { name: 'Alex Example', relationship: 'parent' }, recordedBy: 'Kim Example' },
    },
  })
  const plan = (
    await api.call({
      method: 'POST',
      url: '/plans',
      payload: {
        serviceRequestId: request.id,
        kind: 'level_3_plan',
        summary: 'Calmer mornings',
        agreedBy: ['Alex (parent)', 'Kim (FSW)'],
        agreedAt: '2027-01-20T10:00:00Z',
        actions: [{ what: 'Morning routine chart', who: 'Kim', dueOn: '2027-02-15' }],
      },
    })
  ).json()
  const review = { kind: 'taf_review', heldAt: '2027-02-17T10:00:00Z', heldBy: 'Kim (FSW)', attendees: ['Alex', 'Ms Green (school)'], notes: 'Mornings calmer' }

  const noWork = await api.call({ method: 'POST', url: `/plans/${plan.id}/reviews`, payload: review })
  t.equal(noWork.statusCode, 409, 'a TAF review is held with the work under way')
  const intervention = await anIntervention(api, allocation.id, '2027-01-20T10:00:00Z')
  const noFirst = await api.call({ method: 'POST', url: `/plans/${plan.id}/reviews`, payload: review })
  t.equal(noFirst.statusCode, 409)
  t.match(noFirst.json().detail, /first meeting/)
  t.equal((await api.call({ method: 'GET', url: `/plans/${plan.id}` })).json().currentVersion, 1, 'a refused review makes no version')

  const first = await api.call({
    method: 'POST',
    url: `/interventions/${intervention.id}/meetings`,
    payload: { kind: 'first', heldAt: '2027-01-27T10:00:00Z' },
  })
  t.match(clockOf(first.json(), 'taf-review'), { dueDate: '2027-03-24' }, '8 weeks after the first meeting')

  const reviewed = await api.call({ method: 'POST', url: `/plans/${plan.id}/reviews`, payload: review })
  t.equal(reviewed.statusCode, 200, reviewed.body)
  t.equal(reviewed.json().currentVersion, 2)
  const version = (await api.call({ method: 'GET', url: `/plans/${plan.id}/versions/2` })).json()
  t.match(version.review, { kind: 'taf_review', heldAt: '2027-02-17T10:00:00.000Z', attendees: ['Alex', 'Ms Green (school)'], interventionId: intervention.id })

  const after = (await api.call({ method: 'GET', url: `/interventions/${intervention.id}` })).json()
  const tafClocks = after.sla.clocks.filter((c: { standard: string }) => c.standard === 'taf-review')
  t.match(
    tafClocks.map((c: { status: string; dueDate: string }) => [c.status, c.dueDate]),
    [
      ['met', '2027-03-24'],
      ['on_track', '2027-04-14'],
    ],
    'the review held on 17 February is met; the next is due 8 weeks later',
  )
  t.match(after.meetings.at(-1), { kind: 'taf_review', heldAt: '2027-02-17T10:00:00.000Z' }, 'recorded on the intervention too')

  const plain = await api.call({ method: 'POST', url: `/plans/${plan.id}/reviews`, payload: { heldAt: '2027-03-01T10:00:00Z', heldBy: 'Kim (FSW)' } })
  t.equal(plain.json().currentVersion, 3)
  const unchanged = (await api.call({ method: 'GET', url: `/interventions/${intervention.id}` })).json()
  t.equal(unchanged.meetings.length, 2, 'a review of the plan alone is not a TAF meeting')
})
