import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aPractitioner, aServiceRequest, aTeam, clockOf } from '../helpers/builders.js'

const attendees = [
  { name: 'Pat Example', organisation: 'Targeted Help' },
  { name: 'Ms Green', organisation: 'Northfield Primary School' },
]

t.test('a Targeted Help panel decides its requests: allocated to a named co-ordinator, declined, deferred (001 §3)', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api, { standardsPreset: 'targeted-help' })
  const coordinator = await aPractitioner(api, team.id, { name: 'Kim Co-ordinator' })
  const family = await aFamily(api, team.id)
  const toAllocate = await aServiceRequest(api, family.id, team.id, { route: 'panel' })
  const toDecline = await aServiceRequest(api, family.id, team.id, { route: 'panel' })
  const toDefer = await aServiceRequest(api, family.id, team.id, { route: 'panel' })
  const panel = {
    teamId: team.id,
    kind: 'targeted_help_panel',
    heldAt: '2027-01-06T10:00:00Z',
    chairedBy: 'Pat Example',
    attendees,
    minutesReference: 'TH-PANEL-2027-01-06',
  }

  const noCoordinator = await api.call({
    method: 'POST',
    url: '/panels',
    payload: { ...panel, decisions: [{ serviceRequestId: toAllocate.id, decision: 'allocated' }] },
  })
  t.equal(noCoordinator.statusCode, 400)
  t.equal(noCoordinator.json().errors[0].field, 'decisions[0].practitionerId', 'an allocation names its co-ordinator')
  const noReason = await api.call({
    method: 'POST',
    url: '/panels',
    payload: { ...panel, decisions: [{ serviceRequestId: toDecline.id, decision: 'declined' }] },
  })
  t.equal(noReason.json().errors[0].field, 'decisions[0].reason')

  const held = await api.call({
    method: 'POST',
    url: '/panels',
    payload: {
      ...panel,
      decisions: [
        { serviceRequestId: toAllocate.id, decision: 'allocated', practitionerId: coordinator.id },
        { serviceRequestId: toDecline.id, decision: 'declined', reason: 'Universal services meet the need' },
        { serviceRequestId: toDefer.id, decision: 'deferred', reason: 'School report awaited' },
      ],
    },
  })
  t.equal(held.statusCode, 201, held.body)
  const body = held.json()
  t.match(body, { kind: 'targeted_help_panel', minutesReference: 'TH-PANEL-2027-01-06', attendees, chairedBy: 'Pat Example' })
  const allocatedDecision = body.decisions.find((d: { serviceRequestId: string }) => d.serviceRequestId === toAllocate.id)
  t.match(allocatedDecision, { decision: 'allocated', practitionerId: coordinator.id, allocationId: String })

  const allocated = (await api.call({ method: 'GET', url: `/service-requests/${toAllocate.id}` })).json()
  t.match(allocated, { status: 'allocated', panelId: body.id, decision: { decision: 'accepted', decidedAt: '2027-01-06T10:00:00.000Z' } })
  const allocation = (await api.call({ method: 'GET', url: `/allocations/${allocatedDecision.allocationId}` })).json()
  t.match(allocation, { practitionerId: coordinator.id, allocatedAt: '2027-01-06T10:00:00.000Z' })
  t.match(clockOf(allocation, 'first-review'), { dueDate: '2027-02-17' }, 'the first review is due 6 weeks after the panel allocated')

  t.match((await api.call({ method: 'GET', url: `/service-requests/${toDecline.id}` })).json(), { status: 'declined', panelId: body.id })
  t.match((await api.call({ method: 'GET', url: `/service-requests/${toDefer.id}` })).json(), { status: 'received', panelId: null }, 'deferred: undecided')

  const listed = (await api.call({ method: 'GET', url: `/panels?serviceRequestId=${toDefer.id}` })).json()
  t.same(
    listed.items.map((p: { id: string }) => p.id),
    [body.id],
    'the panels that discussed a request',
  )
  const timeline = (await api.call({ method: 'GET', url: `/families/${family.id}/timeline?kind=panel` })).json()
  t.same(
    timeline.items.map((e: { data: { decision: string } }) => e.data.decision).sort(),
    ['allocated', 'declined', 'deferred'],
    'each decision is in the family’s history',
  )
})

t.test('a panel is all or nothing: a decision that cannot be carried out records none', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api, { standardsPreset: 'trt' })
  const worker = await aPractitioner(api, team.id)
  const family = await aFamily(api, team.id)
  const fine = await aServiceRequest(api, family.id, team.id)
  const gone = await aServiceRequest(api, family.id, team.id)
  await api.call({
    method: 'POST',
    url: `/service-requests/${gone.id}/withdraw`,
    payload: { reason: 'Family moved away', withdrawnAt: '2026-12-24T10:00:00Z' },
  })
  const other = await aTeam(api)
  const stranger = await aServiceRequest(api, (await aFamily(api, other.id)).id, other.id)
  const meeting = {
    teamId: team.id,
    kind: 'allocation_meeting',
    heldAt: '2026-12-29T10:00:00Z',
    chairedBy: 'TRT supervisor',
    attendees: [{ name: 'TRT supervisor', organisation: 'TRT' }],
    minutesReference: 'TRT-ALLOC-2026-12-29',
  }
  const refused = await api.call({
    method: 'POST',
    url: '/panels',
    payload: {
      ...meeting,
      decisions: [
        { serviceRequestId: fine.id, decision: 'allocated', practitionerId: worker.id },
        { serviceRequestId: gone.id, decision: 'allocated', practitionerId: worker.id },
      ],
    },
  })
  t.equal(refused.statusCode, 409)
  t.match(refused.json().detail, /withdrawn/)
  t.match((await api.call({ method: 'GET', url: `/service-requests/${fine.id}` })).json(), { status: 'received', panelId: null }, 'nothing of it was kept')
  t.same((await api.call({ method: 'GET', url: '/panels' })).json().items, [])

  const foreign = await api.call({
    method: 'POST',
    url: '/panels',
    payload: { ...meeting, decisions: [{ serviceRequestId: stranger.id, decision: 'accepted' }] },
  })
  t.equal(foreign.statusCode, 422)
  t.equal(foreign.json().errors[0].field, 'decisions[0].serviceRequestId', 'another team’s request is not this meeting’s')
})

t.test('Level 3: a request is screened before allocation; its allocation clock starts at acceptance (002)', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api, { standardsPreset: 'level-3' })
  const worker = await aPractitioner(api, team.id)
  const family = await aFamily(api, team.id)
  const request = await aServiceRequest(api, family.id, team.id, { consent: undefined })
  const unscreened = await api.call({
    method: 'POST',
    url: '/allocations',
    payload: { serviceRequestId: request.id, practitionerId: worker.id, allocatedBy: 'Locality manager', allocatedAt: '2026-12-29T09:00:00Z' },
  })
  t.equal(unscreened.statusCode, 409)
  t.match(unscreened.json().detail, /not been screened/)
  const accepted = await api.call({
    method: 'POST',
    url: `/service-requests/${request.id}/decision`,
    payload: { decision: 'accepted', decidedBy: 'Locality team', decidedAt: '2026-12-29T10:00:00Z' },
  })
  t.match(clockOf(accepted.json(), 'allocation'), { dueDate: '2027-01-04' }, '6 days from acceptance')
  const allocated = await api.call({
    method: 'POST',
    url: '/allocations',
    payload: { serviceRequestId: request.id, practitionerId: worker.id, allocatedBy: 'Locality manager', allocatedAt: '2026-12-31T09:00:00Z' },
  })
  t.equal(allocated.statusCode, 201)
  const after = (await api.call({ method: 'GET', url: `/service-requests/${request.id}` })).json()
  t.match(clockOf(after, 'allocation'), { status: 'met' })
})
