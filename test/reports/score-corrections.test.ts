import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { anAllocatedCase, anIntervention } from '../helpers/builders.js'

t.test('a corrected score is a new version, and the outcome report uses the latest', async (t) => {
  const api = await buildTestApp(t, { now: '2027-04-01T12:00:00Z' })
  const { team, allocation } = await anAllocatedCase(api)
  const key = await api.keyFor('practitioner', team.id)
  const { id } = await anIntervention(api, allocation.id, '2027-01-04T10:00:00Z')
  await api.call({ method: 'POST', url: `/interventions/${id}/outcome-measures`, payload: { measureIds: ['family-housing'], selectedBy: ['family'] } })
  const record = async (phase: string, score: number) =>
    (
      await api.call({
        method: 'POST',
        url: `/interventions/${id}/outcome-scores`,
        payload: { measureId: 'family-housing', phase, perspective: 'parent_carer', score, recordedAt: '2027-02-01T10:00:00Z', notes: 'First' },
      })
    ).json()
  const start = await record('start', 3)
  await api.call({
    method: 'POST',
    url: `/interventions/${id}/end`,
    payload: { endedAt: '2027-03-10T10:00:00Z', summary: 'S', childViews: 'C', progress: 'P', onwardSupport: 'O' },
  })
  await record('end', 8)
  const report = async () => (await api.call({ method: 'GET', url: '/reports/outcomes', query: { month: '2027-03', teamId: team.id } })).json().measures[0]
  t.match(await report(), { averageStart: 3, averageEnd: 8, averageChange: 5 })

  const url = `/interventions/${id}/outcome-scores/${start.id}/corrections`
  const fixed = await api.call({ method: 'POST', url, key, payload: { correctedBy: 'Ana Example', reason: 'Entered the review score as the start', score: 6 } })
  t.equal(fixed.statusCode, 200, fixed.body)
  t.match(fixed.json(), { id: start.id, score: 6, notes: 'First', version: 2 })
  t.match(await report(), { averageStart: 6, averageEnd: 8, averageChange: 2 }, 'the report reads the corrected score')
  const listed = (await api.call({ method: 'GET', url: `/interventions/${id}/outcome-scores` })).json().items
  t.same(
    listed.map((s: { phase: string; score: number }) => [s.phase, s.score]),
    [
      ['end', 8],
      ['start', 6],
    ],
    'one score per measure, phase and perspective: the latest',
  )
  const history = (await api.call({ method: 'GET', url })).json().items
  t.match(history, [
    { version: 1, correctedBy: 'Ana Example', reason: 'Entered the review score as the start', previous: { score: 3, notes: 'First', version: 1 } },
  ])

  const noReason = await api.call({ method: 'POST', url, key, payload: { correctedBy: 'Ana Example', score: 5 } })
  t.equal(noReason.statusCode, 400)
  t.equal(noReason.json().errors[0].field, 'reason')
  t.equal((await api.call({ method: 'POST', url, key, payload: { correctedBy: 'A', reason: 'r', score: 11 } })).json().errors[0].field, 'score')
  const missing = `/interventions/${id}/outcome-scores/00000000-0000-7000-8000-000000000000/corrections`
  t.equal((await api.call({ method: 'POST', url: missing, key, payload: { correctedBy: 'A', reason: 'r', score: 5 } })).statusCode, 404)
  const otherTeam = await api.keyFor('practitioner', (await anAllocatedCase(api)).team.id)
  t.equal(
    (await api.call({ method: 'POST', url, key: otherTeam, payload: { correctedBy: 'A', reason: 'r', score: 5 } })).statusCode,
    404,
    'another team’s score is not found',
  )
  t.equal((await api.call({ method: 'GET', url, key: otherTeam })).statusCode, 404)
})
