import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aTeam } from '../helpers/builders.js'

t.test('stepping down and up changes the family’s lead professional and plan, in its history (004 §8, §9)', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api, { standardsPreset: 'early-help' })
  const family = await aFamily(api, team.id, { plan: 'child_in_need', leadProfessional: { name: 'Jo Example', role: 'social_worker' } })

  const down = await api.call({
    method: 'POST',
    url: '/escalations',
    payload: {
      kind: 'step_down',
      familyId: family.id,
      teamId: team.id,
      raisedBy: 'Jo Example (social worker)',
      raisedAt: '2027-01-11T10:00:00Z',
      leadProfessional: { name: 'Pat School', role: 'lead_practitioner', organisation: 'Northfield Primary School' },
    },
  })
  t.equal(down.statusCode, 201, down.body)
  const stepped = (await api.call({ method: 'GET', url: `/families/${family.id}` })).json()
  t.match(stepped, { plan: 'early_help', leadProfessional: { name: 'Pat School', role: 'lead_practitioner' }, version: family.version + 1 })

  const up = await api.call({
    method: 'POST',
    url: '/escalations',
    payload: {
      kind: 'step_up',
      familyId: family.id,
      teamId: team.id,
      raisedBy: 'Pat School',
      raisedAt: '2027-01-25T10:00:00Z',
      reason: 'Neglect is increasing',
      leadProfessional: { name: 'Sam Social', role: 'social_worker', organisation: 'Children’s Social Care' },
    },
  })
  t.equal(up.statusCode, 201, up.body)
  t.match(
    (await api.call({ method: 'GET', url: `/families/${family.id}` })).json(),
    { plan: 'early_help', leadProfessional: { name: 'Pat School' } },
    'not until social care accepts',
  )
  const accepted = await api.call({
    method: 'POST',
    url: `/escalations/${up.json().id}/outcome`,
    payload: { outcome: 'accepted_by_social_care', at: '2027-01-27T10:00:00Z' },
  })
  t.equal(accepted.statusCode, 200, accepted.body)
  t.match((await api.call({ method: 'GET', url: `/families/${family.id}` })).json(), {
    plan: 'child_in_need',
    leadProfessional: { name: 'Sam Social', role: 'social_worker' },
  })

  const history = (await api.call({ method: 'GET', url: `/families/${family.id}/timeline?kind=family` })).json().items
  t.match(
    history.filter((e: { data: { reason?: string } }) => e.data.reason),
    [
      {
        type: 'family.updated',
        occurredAt: '2027-01-11T10:00:00.000Z',
        data: { reason: 'stepped_down', plan: 'early_help', previousPlan: 'child_in_need', previousLeadProfessional: { name: 'Jo Example' } },
      },
      {
        type: 'family.updated',
        occurredAt: '2027-01-27T10:00:00.000Z',
        data: { reason: 'stepped_up', plan: 'child_in_need', previousPlan: 'early_help', leadProfessional: { name: 'Sam Social' } },
      },
    ],
    'each change is in the family’s history',
  )

  const other = await aFamily(api, team.id, { plan: 'early_help' })
  const refused = (
    await api.call({
      method: 'POST',
      url: '/escalations',
      payload: {
        kind: 'step_up',
        familyId: other.id,
        teamId: team.id,
        raisedBy: 'Pat',
        reason: 'Worry',
        leadProfessional: { name: 'Sam Social', role: 'social_worker' },
        raisedAt: '2027-01-25T10:00:00Z',
      },
    })
  ).json()
  await api.call({ method: 'POST', url: `/escalations/${refused.id}/outcome`, payload: { outcome: 'not_accepted', at: '2027-01-27T10:00:00Z' } })
  t.match(
    (await api.call({ method: 'GET', url: `/families/${other.id}` })).json(),
    { plan: 'early_help' },
    'a step-up social care did not accept changes nothing',
  )
})
