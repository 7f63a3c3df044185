import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { anAllocatedCase, anIntervention, clockOf } from '../helpers/builders.js'

const ending = { summary: 'Summary of work', childViews: 'Child’s views', progress: 'Progress made', onwardSupport: 'Onward support' }

t.test('an intervention ended without its end scores is flagged, and the report counts it', async (t) => {
  const api = await buildTestApp(t, { now: '2027-09-20T12:00:00Z' })
  const { team, allocation } = await anAllocatedCase(api)
  const { id } = await anIntervention(api, allocation.id, '2027-01-04T10:00:00Z')
  const post = (path: string, payload: object) => api.call({ method: 'POST', url: `/interventions/${id}/${path}`, payload })
  await post('outcome-measures', { measureIds: ['family-housing', 'family-supervision', 'baseline-no-social-care-process'], selectedBy: ['family'] })
  const score = (measureId: string, phase: string) =>
    post('outcome-scores', { measureId, phase, perspective: 'parent_carer', score: 5, recordedAt: '2027-01-05T10:00:00Z' })
  t.equal((await score('family-housing', 'start')).statusCode, 201)
  t.equal((await score('family-supervision', 'start')).statusCode, 201)
  const read = async () => (await api.call({ method: 'GET', url: `/interventions/${id}` })).json()
  t.same((await read()).missingScores, [], 'nothing is missing before the review')

  t.equal((await post('reviews', { heldAt: '2027-03-01T10:00:00Z', decision: 'continue', notes: 'Review' })).statusCode, 200)
  t.same(
    (await read()).missingScores,
    [
      { measureId: 'family-housing', phase: 'review' },
      { measureId: 'family-supervision', phase: 'review' },
    ],
    'at the review, the review scores are expected',
  )
  t.equal((await score('family-housing', 'review')).statusCode, 201)
  t.equal((await score('family-supervision', 'review')).statusCode, 201)

  const ended = await post('end', { endedAt: '2027-03-10T10:00:00Z', ...ending })
  t.equal(ended.statusCode, 200, ended.body)
  t.same(
    ended.json().missingScores,
    [
      { measureId: 'family-housing', phase: 'end' },
      { measureId: 'family-supervision', phase: 'end' },
    ],
    'ended without end scores: flagged; the baseline measure is not scored, so never missing',
  )
  t.comment(`intervention ${id} as ended: missingScores ${JSON.stringify(ended.json().missingScores)}`)
  const report = async () => (await api.call({ method: 'GET', url: '/reports/outcomes', query: { month: '2027-03', teamId: team.id } })).json()
  t.match(await report(), { interventions: 1, interventionsWithCompleteScores: 0, interventionsWithMissingScores: 1 })

  t.equal((await score('family-housing', 'end')).statusCode, 201, 'end scores are recorded after the ending')
  t.same((await read()).missingScores, [{ measureId: 'family-supervision', phase: 'end' }])
  t.equal((await score('family-supervision', 'end')).statusCode, 201)
  t.same((await read()).missingScores, [], 'complete')
  t.match(await report(), { interventions: 1, interventionsWithCompleteScores: 1, interventionsWithMissingScores: 0 })
})

t.test('the 6-month baseline follow-up is a clock from the ending, stopped by the follow-up', async (t) => {
  const api = await buildTestApp(t, { now: '2027-09-20T12:00:00Z' })
  const { allocation } = await anAllocatedCase(api)
  const { id } = await anIntervention(api, allocation.id, '2027-01-04T10:00:00Z')
  const ended = (await api.call({ method: 'POST', url: `/interventions/${id}/end`, payload: { endedAt: '2027-03-10T10:00:00Z', ...ending } })).json()
  t.match(ended, { followUpDueOn: '2027-09-10' })
  t.match(clockOf(ended, 'baseline-follow-up'), { dueDate: '2027-09-10', status: 'overdue' }, 'not done by 20 September')
  const done = await api.call({
    method: 'POST',
    url: `/interventions/${id}/baseline-follow-up`,
    payload: { recordedAt: '2027-09-14T10:00:00Z', results: [{ measureId: 'baseline-no-social-care-process', achieved: true }] },
  })
  t.equal(done.statusCode, 200, done.body)
  t.match(clockOf(done.json(), 'baseline-follow-up'), { status: 'met_late', completedAt: '2027-09-14T10:00:00.000Z' })
})
