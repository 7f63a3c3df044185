import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aServiceRequest, aTeam, clockOf } from '../helpers/builders.js'

t.test('a team changes preset while clocks are open: open clocks finish under their own standard, new ones follow the new preset', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api, { standardsPreset: 'trt' })
  const family = await aFamily(api, team.id)
  const before = await aServiceRequest(api, family.id, team.id, { receivedAt: '2027-01-25T09:00:00Z' })
  t.match(clockOf(before, 'allocation'), { title: 'Allocate within 3 working days of the request', dueDate: '2027-01-28', status: 'overdue' })

  const changed = await api.call({ method: 'PATCH', url: `/teams/${team.id}`, payload: { standardsPreset: 'level-3' } })
  t.equal(changed.statusCode, 200)

  const declined = (
    await api.call({
      method: 'POST',
      url: `/service-requests/${before.id}/decision`,
      payload: { decision: 'declined', decidedBy: 'TM', reason: 'Threshold not met', decidedAt: '2027-01-29T10:00:00Z' },
    })
  ).json()
  t.match(
    clockOf(declined, 'allocation'),
    {
      title: 'Allocate within 3 working days of the request',
      target: { amount: 3, unit: 'working_days' },
      status: 'met_late',
      completedAt: '2027-01-29T10:00:00.000Z',
    },
    'the TRT clock keeps its title and target, and stops on a decline as TRT says (level-3 would close it as missed)',
  )

  const after = await aServiceRequest(api, family.id, team.id, { receivedAt: '2027-01-29T09:00:00Z', consent: undefined })
  t.same(after.sla.clocks, [], 'level-3 starts its allocation clock when the case is accepted, not on receipt')
  const accepted = (
    await api.call({
      method: 'POST',
      url: `/service-requests/${after.id}/decision`,
      payload: { decision: 'accepted', decidedBy: 'TM', decidedAt: '2027-01-30T10:00:00Z' },
    })
  ).json()
  t.match(clockOf(accepted, 'allocation'), {
    title: 'Allocate a family support worker within 6 days of the case being accepted',
    target: { amount: 6, unit: 'calendar_days' },
    dueDate: '2027-02-05',
  })
  const presets = await api.db.selectFrom('slaClocks').select(['presetId']).where('familyId', '=', family.id).orderBy('startedAt').execute()
  t.same(
    presets.map((p) => p.presetId),
    ['trt', 'level-3'],
    'each clock records the preset it started under',
  )
})
