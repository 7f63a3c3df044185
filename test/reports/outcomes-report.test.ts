import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { anAllocatedCase, anIntervention, aPractitioner, aTeam } from '../helpers/builders.js'

const ending = (endedAt: string) => ({
  endedAt,
  summary: 'Summary of work',
  childViews: 'Child’s views',
  progress: 'Progress made',
  onwardSupport: 'Onward support',
})

t.test('outcome scores and the monthly outcome report on a hand-computed dataset', async (t) => {
  const api = await buildTestApp(t, { now: '2027-04-01T12:00:00Z' })
  const team = await aTeam(api)
  const p1 = await aPractitioner(api, team.id, { caseloadCapacity: 20 })
  const p2 = await aPractitioner(api, team.id, { caseloadCapacity: 20 })
  const start = async (practitioner: { id: string }, startedAt: string, measureIds: string[]) => {
    const { allocation } = await anAllocatedCase(api, { team, practitioner })
    const i = await anIntervention(api, allocation.id, startedAt)
    const sel = await api.call({
      method: 'POST',
      url: `/interventions/${i.id}/outcome-measures`,
      payload: { measureIds, selectedBy: ['family', 'social_worker', 'practitioner'], selectedAt: startedAt },
    })
    t.equal(sel.statusCode, 200)
    return i.id as string
  }
  const score = (id: string, measureId: string, phase: string, perspective: string, value: number) =>
    api.call({
      method: 'POST',
      url: `/interventions/${id}/outcome-scores`,
      payload: { measureId, phase, perspective, score: value, recordedAt: '2027-02-01T10:00:00Z' },
    })
  const scored = async (id: string, ...rows: [string, string, string, number][]) => {
    for (const r of rows) t.equal((await score(id, ...r)).statusCode, 201, r.join(' '))
  }

  const a = await start(p1, '2027-01-04T10:00:00Z', ['family-housing', 'family-supervision'])
  const b = await start(p2, '2027-01-05T10:00:00Z', ['family-housing'])
  const c = await start(p1, '2027-01-06T10:00:00Z', ['family-housing'])
  const d = await start(p1, '2027-01-07T10:00:00Z', ['family-supervision'])

  t.test('score validation', async (t) => {
    for (const [field, payload] of [
      ['score', { score: 0 }],
      ['score', { score: 11 }],
      ['score', { score: 5.5 }],
      ['phase', { phase: 'middle' }],
      ['perspective', { perspective: 'teacher' }],
    ] as const) {
      const res = await api.call({
        method: 'POST',
        url: `/interventions/${d}/outcome-scores`,
        payload: Object.assign({ measureId: 'family-supervision', phase: 'start', perspective: 'practitioner', score: 4 }, payload),
      })
      t.equal(res.statusCode, 400, JSON.stringify(payload))
      t.equal(res.json().errors[0].field, field)
    }
    const unknown = await score(d, 'family-unicorns', 'start', 'practitioner', 4)
    t.equal(unknown.statusCode, 422)
    t.match(unknown.json(), { type: '/problems/invalid-reference', errors: [{ field: 'measureId' }] })
    const baseline = await score(d, 'baseline-no-longer-looked-after', 'start', 'practitioner', 4)
    t.equal(baseline.json().errors[0].field, 'measureId', 'baseline measures are not scored')
    const notSelected = await score(d, 'family-housing', 'start', 'practitioner', 4)
    t.equal(notSelected.statusCode, 422)
    t.equal(notSelected.json().errors[0].field, 'measureId')
    const ok = await score(d, 'family-supervision', 'start', 'practitioner', 4)
    t.equal(ok.statusCode, 201)
    t.match(ok.json(), { measureId: 'family-supervision', phase: 'start', perspective: 'practitioner', score: 4, version: 1 })
    t.equal((await score(d, 'family-supervision', 'start', 'practitioner', 6)).statusCode, 409, 'one score per measure, phase and perspective')
    t.equal((await score(d, 'family-supervision', 'start', 'parent_carer', 8)).statusCode, 201, 'another perspective may disagree')
    t.equal((await api.call({ method: 'GET', url: `/interventions/${d}/outcome-scores` })).json().items.length, 2, 'all are kept')
    const badSelection = await api.call({
      method: 'POST',
      url: `/interventions/${d}/outcome-measures`,
      payload: { measureIds: ['nope'], selectedBy: ['family'] },
    })
    t.equal(badSelection.json().errors[0].field, 'measureIds[0]')
    const viewer = await api.keyFor('viewer')
    t.equal(
      (
        await api.call({
          method: 'POST',
          key: viewer,
          url: `/interventions/${d}/outcome-scores`,
          payload: { measureId: 'family-supervision', phase: 'review', perspective: 'child', score: 4 },
        })
      ).statusCode,
      403,
    )
  })

  t.test('the report', async (t) => {
    // A (P1), ended 10 March: housing start SW 3, parent 4; review parent 5; end SW 6, parent 8. Supervision start/end practitioner 5/5.
    await scored(
      a,
      ['family-housing', 'start', 'social_worker', 3],
      ['family-housing', 'start', 'parent_carer', 4],
      ['family-housing', 'review', 'parent_carer', 5],
      ['family-supervision', 'start', 'practitioner', 5],
    )
    // B (P2), ended 20 March: housing start child 7, review child 6, end child 5.
    await scored(b, ['family-housing', 'start', 'child', 7], ['family-housing', 'review', 'child', 6])
    // C (P1), ended 20 February: housing start parent 2.
    await scored(c, ['family-housing', 'start', 'parent_carer', 2])
    for (const [id, at] of [
      [a, '2027-03-10T10:00:00Z'],
      [b, '2027-03-20T10:00:00Z'],
      [c, '2027-02-20T10:00:00Z'],
    ]) {
      t.equal((await api.call({ method: 'POST', url: `/interventions/${id}/end`, payload: ending(at) })).statusCode, 200)
    }
    t.equal((await score(a, 'family-housing', 'review', 'child', 5)).statusCode, 409, 'after the ending only end scores')
    await scored(
      a,
      ['family-housing', 'end', 'social_worker', 6],
      ['family-housing', 'end', 'parent_carer', 8],
      ['family-supervision', 'end', 'practitioner', 5],
    )
    await scored(b, ['family-housing', 'end', 'child', 5])

    const march = await api.call({ method: 'GET', url: '/reports/outcomes', query: { month: '2027-03' }, key: await api.keyFor('viewer') })
    t.equal(march.statusCode, 200)
    t.same(march.json(), {
      month: '2027-03',
      from: '2027-03-01',
      to: '2027-03-31',
      teamId: null,
      practitionerId: null,
      interventions: 2,
      interventionsWithCompleteScores: 2,
      interventionsWithMissingScores: 0,
      familyFeedbackReceived: 0,
      interventionsWithChangeMeasured: 2,
      improvedInOneOrMoreAreas: 1,
      noChangeInOneOrMoreAreas: 1,
      regressedInOneOrMoreAreas: 1,
      measures: [
        {
          measureId: 'family-housing',
          category: 'family',
          title: 'The family’s housing is sufficient',
          timesSelected: 2,
          averageStart: 4.67,
          averageReview: 5.5,
          averageEnd: 6.33, // (3+4+7)/3, (5+6)/2, (6+8+5)/3
          averageChange: 0.75,
          changeMeasured: 2,
          improved: 1,
          noChange: 0,
          regressed: 1, // A: mean(6-3, 8-4) = 3.5; B: 5-7 = -2; mean 0.75
        },
        {
          measureId: 'family-supervision',
          category: 'family',
          title: 'Supervision within the family is sufficient to promote the child / children’s welfare',
          timesSelected: 1,
          averageStart: 5,
          averageReview: null,
          averageEnd: 5,
          averageChange: 0,
          changeMeasured: 1,
          improved: 0,
          noChange: 1,
          regressed: 0,
        },
      ],
    })
    const mine = (await api.call({ method: 'GET', url: '/reports/outcomes', query: { month: '2027-03', practitionerId: p1.id } })).json()
    t.match(mine, {
      interventions: 1,
      improvedInOneOrMoreAreas: 1,
      regressedInOneOrMoreAreas: 0,
      measures: [{ measureId: 'family-housing', timesSelected: 1, averageStart: 3.5, averageReview: 5, averageEnd: 7, averageChange: 3.5 }],
    })
    const feb = (await api.call({ method: 'GET', url: '/reports/outcomes', query: { month: '2027-02', teamId: team.id } })).json()
    t.match(feb, {
      interventions: 1,
      interventionsWithCompleteScores: 0,
      interventionsWithMissingScores: 1, // C: housing scored at the start only
      interventionsWithChangeMeasured: 0,
      measures: [{ measureId: 'family-housing', timesSelected: 1, averageStart: 2, averageEnd: null, averageChange: null, changeMeasured: 0 }],
    })
    const other = await aTeam(api)
    t.equal(
      (await api.call({ method: 'GET', url: '/reports/outcomes', query: { month: '2027-03' }, key: await api.keyFor('viewer', other.id) })).json()
        .interventions,
      0,
      'a team key sees its own team',
    )
    const csv = await api.call({ method: 'GET', url: '/reports/outcomes', query: { month: '2027-03' }, headers: { accept: 'text/csv' } })
    t.match(csv.headers['content-type'], /text\/csv/)
    const lines = csv.body.trimEnd().split('\r\n')
    t.same(lines.slice(0, 3), [
      '\uFEFFMonth,Team,Practitioner,Measure ID,Category,Measure,Interventions,Average start score,Average review score,Average end score,' +
        'Average change,Change measured,Improved,No change,Regressed',
      '2027-03,All teams,All practitioners,family-housing,family,The family’s housing is sufficient,2,4.67,5.5,6.33,0.75,2,1,0,1',
      '2027-03,All teams,All practitioners,family-supervision,family,Supervision within the family is sufficient to promote the child / children’s welfare,1,5,,5,0,1,0,1,0',
    ])
    const marchReport = (await api.call({ method: 'GET', url: '/reports/outcomes', query: { month: '2027-03' } })).json()
    t.equal(lines.length, marchReport.measures.length + 2, 'a header, a row per measure and the headline row')
    t.equal(
      lines.at(-1),
      `2027-03,All teams,All practitioners,,,All measures (interventions in one or more areas),${marchReport.interventions},,,,,` +
        `${marchReport.interventionsWithChangeMeasured},${marchReport.improvedInOneOrMoreAreas},${marchReport.noChangeInOneOrMoreAreas},${marchReport.regressedInOneOrMoreAreas}`,
      'the month’s headline totals',
    )
    t.ok(marchReport.interventions > 0 && marchReport.interventionsWithChangeMeasured > 0, 'totals that are not all zero')
    const scoped = await api.call({ method: 'GET', url: '/reports/outcomes', query: { month: '2027-03', teamId: team.id }, headers: { accept: 'text/csv' } })
    t.match(scoped.body.split('\r\n')[1], `2027-03,${team.name},All practitioners,`, 'the team’s name when the report is of one team')
    t.equal((await api.call({ method: 'GET', url: '/reports/outcomes', query: { month: '2027-13' } })).statusCode, 400)
  })
})

t.test('the outcome measures catalogue', async (t) => {
  const api = await buildTestApp(t)
  const all = (await api.call({ method: 'GET', url: '/outcome-measures' })).json().items as { id: string; category: string }[]
  const counts: Record<string, number> = {}
  for (const m of all) counts[m.category] = (counts[m.category] ?? 0) + 1
  t.same(counts, { baseline: 5, baseline_specialist: 9, family: 17, substance_misuse: 3, domestic_abuse: 4, sexual_exploitation: 7, emotional_health: 8 })
  t.equal(new Set(all.map((m) => m.id)).size, all.length, 'ids are unique')
  t.equal((await api.call({ method: 'GET', url: '/outcome-measures', query: { category: 'domestic_abuse' } })).json().items.length, 4)
  t.equal((await api.call({ method: 'GET', url: '/outcome-measures/family-housing' })).json().title, 'The family’s housing is sufficient')
  t.equal((await api.call({ method: 'GET', url: '/outcome-measures/family-nothing' })).statusCode, 404)
})
