import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { anAllocatedCase, anIntervention } from '../helpers/builders.js'

t.test('an audit records what was looked at, the grades and findings, and the actions', async (t) => {
  const api = await buildTestApp(t, { now: '2027-03-01T12:00:00Z' })
  const { allocation } = await anAllocatedCase(api)
  const { id } = await anIntervention(api, allocation.id, '2027-01-04T10:00:00Z')
  const url = `/interventions/${id}/audits`
  const twice = await api.call({
    method: 'POST',
    url,
    payload: {
      kind: 'first',
      auditor: 'Team manager',
      aspects: [
        { aspect: 'recording', grade: 'good' },
        { aspect: 'recording', grade: 'inadequate' },
      ],
    },
  })
  t.equal(twice.statusCode, 400)
  t.equal(twice.json().errors[0].field, 'aspects', 'each aspect once')
  t.equal((await api.call({ method: 'POST', url, payload: { kind: 'first', auditor: 'A', grade: 'splendid' } })).json().errors[0].field, 'grade')
  const audited = await api.call({
    method: 'POST',
    url,
    payload: {
      kind: 'first',
      recordedAt: '2027-01-28T10:00:00Z',
      auditor: 'Team manager',
      aspects: [
        { aspect: 'voice_of_child', grade: 'good', finding: 'Sam’s wishes shape the plan' },
        { aspect: 'recording', grade: 'requires_improvement', finding: 'Two visits written up late' },
      ],
      grade: 'good',
      actions: ['Write up visits within 2 working days'],
    },
  })
  t.equal(audited.statusCode, 200, audited.body)
  t.match(audited.json().audits.first, {
    auditor: 'Team manager',
    grade: 'good',
    aspects: [
      { aspect: 'voice_of_child', grade: 'good', finding: 'Sam’s wishes shape the plan' },
      { aspect: 'recording', grade: 'requires_improvement', finding: 'Two visits written up late' },
    ],
    actions: ['Write up visits within 2 working days'],
  })
  const plain = await api.call({ method: 'POST', url, payload: { kind: 'three_month', auditor: 'Team manager' } })
  t.equal(plain.statusCode, 200, plain.body)
  t.match(plain.json().audits.threeMonth, { aspects: [], grade: null, actions: [] }, 'the content is optional, as before')
})

t.test('family feedback is recorded on the intervention and counted in the monthly report', async (t) => {
  const api = await buildTestApp(t, { now: '2027-04-10T12:00:00Z' })
  const { team, allocation } = await anAllocatedCase(api)
  const { id } = await anIntervention(api, allocation.id, '2027-01-04T10:00:00Z')
  const url = `/interventions/${id}/family-feedback`
  t.equal((await api.call({ method: 'POST', url, payload: { from: 'neighbour', feedback: 'x' } })).json().errors[0].field, 'from')
  t.equal(
    (await api.call({ method: 'POST', url, payload: { from: 'family', feedback: 'x', receivedAt: '2027-01-01T10:00:00Z' } })).json().errors[0].field,
    'receivedAt',
    'not before the work started',
  )
  await api.call({
    method: 'POST',
    url: `/interventions/${id}/end`,
    payload: { endedAt: '2027-03-10T10:00:00Z', summary: 'S', childViews: 'C', progress: 'P', onwardSupport: 'O' },
  })
  const given = await api.call({
    method: 'POST',
    url,
    payload: { from: 'parent_carer', feedback: 'Mornings are calmer; we felt listened to', howHelpful: 9, receivedAt: '2027-03-12T10:00:00Z' },
  })
  t.equal(given.statusCode, 200, given.body)
  t.match(given.json().familyFeedback, [{ from: 'parent_carer', howHelpful: 9, receivedAt: '2027-03-12T10:00:00.000Z' }], 'after the end of the work')
  await api.call({ method: 'POST', url, payload: { from: 'child', feedback: 'I liked the visits', receivedAt: '2027-04-02T10:00:00Z' } })
  const report = async (month: string) =>
    (await api.call({ method: 'GET', url: '/reports/outcomes', query: { month, teamId: team.id } })).json().familyFeedbackReceived
  t.equal(await report('2027-03'), 1)
  t.equal(await report('2027-04'), 1, 'counted in the month it was received')
  t.equal(await report('2027-02'), 0)
})
