import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { anAllocatedCase, anIntervention } from '../helpers/builders.js'

const ending = { summary: 'Summary of work', childViews: 'Child’s views', progress: 'Progress made', onwardSupport: 'Onward support' }

t.test('a specialist’s end-of-work measure is scored at the end only, and only its end score is expected (000 Appendix 2)', async (t) => {
  const api = await buildTestApp(t, { now: '2027-04-20T12:00:00Z' })
  const measure = (await api.call({ method: 'GET', url: '/outcome-measures/specialist-reduced-substance-use' })).json()
  t.match(measure, { category: 'baseline_specialist', scored: true, phases: ['end'] }, 'the catalogue says when it is scored')
  t.match((await api.call({ method: 'GET', url: '/outcome-measures/family-housing' })).json(), { phases: ['start', 'review', 'end'] })
  t.match((await api.call({ method: 'GET', url: '/outcome-measures/specialist-improved-safety' })).json(), { scored: false, phases: [] })

  const { team, allocation } = await anAllocatedCase(api)
  const { id } = await anIntervention(api, allocation.id, '2027-01-04T10:00:00Z')
  const post = (path: string, payload: object) => api.call({ method: 'POST', url: `/interventions/${id}/${path}`, payload })
  const selected = await post('outcome-measures', {
    measureIds: ['family-housing', 'specialist-reduced-substance-use'],
    selectedBy: ['family', 'practitioner'],
  })
  t.equal(selected.statusCode, 200, selected.body)
  const score = (measureId: string, phase: string, recordedAt: string) =>
    post('outcome-scores', { measureId, phase, perspective: 'practitioner', score: 6, recordedAt })

  const early = await score('specialist-reduced-substance-use', 'start', '2027-01-05T10:00:00Z')
  t.equal(early.statusCode, 400)
  t.equal(early.json().errors[0].field, 'phase', 'not at the start: it is the specialist’s assessment at the end')
  t.equal((await score('family-housing', 'start', '2027-01-05T10:00:00Z')).statusCode, 201)
  t.equal((await post('reviews', { heldAt: '2027-03-01T10:00:00Z', decision: 'continue', notes: 'Review' })).statusCode, 200)
  t.equal((await score('family-housing', 'review', '2027-03-01T11:00:00Z')).statusCode, 201)
  const read = async () => (await api.call({ method: 'GET', url: `/interventions/${id}` })).json()
  t.same((await read()).missingScores, [], 'at the review nothing is missing: the specialist’s measure has no start or review score to give')

  const ended = await post('end', { endedAt: '2027-03-10T10:00:00Z', ...ending })
  t.equal(ended.statusCode, 200, ended.body)
  t.same(
    ended.json().missingScores,
    [
      { measureId: 'family-housing', phase: 'end' },
      { measureId: 'specialist-reduced-substance-use', phase: 'end' },
    ],
    'ended without end scores: both end scores are flagged',
  )
  t.comment(`intervention ${id} ended ${ended.json().endedAt}: missingScores ${JSON.stringify(ended.json().missingScores)}`)
  const report = async () => (await api.call({ method: 'GET', url: '/reports/outcomes', query: { month: '2027-03', teamId: team.id } })).json()
  t.match(await report(), { interventions: 1, interventionsWithCompleteScores: 0, interventionsWithMissingScores: 1 })

  t.equal((await score('specialist-reduced-substance-use', 'end', '2027-03-10T11:00:00Z')).statusCode, 201, 'the specialist scores it at the end')
  t.equal((await score('family-housing', 'end', '2027-03-10T11:00:00Z')).statusCode, 201)
  t.same((await read()).missingScores, [])
  t.match(await report(), { interventions: 1, interventionsWithCompleteScores: 1, interventionsWithMissingScores: 0 }, 'complete without a start score for it')

  const followUp = await post('baseline-follow-up', {
    recordedAt: '2027-04-15T10:00:00Z',
    results: [{ measureId: 'specialist-reduced-substance-use', achieved: true }],
  })
  t.equal(followUp.statusCode, 400)
  t.equal(followUp.json().errors[0].field, 'results[0].measureId', 'scored at the end, it is not recorded again at the follow-up')
})
