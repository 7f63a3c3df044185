import type { TestApp } from './app.js'

let counter = 0
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`

async function created(t: TestApp, url: string, payload: object, key?: string) {
  const res = await t.call({ method: 'POST', url, payload, key })
  if (res.statusCode !== 201) throw new Error(`POST ${url} gave ${res.statusCode}: ${res.body}`)
  return res.json()
}

export const aTeam = (t: TestApp, overrides: object = {}) =>
  created(t, '/teams', { name: `Team ${unique()}`, calendarId: 'england-and-wales', standardsPreset: 'trt', caseloadCapacity: 10, ...overrides })

export const aPractitioner = (t: TestApp, teamId: string, overrides: object = {}) =>
  created(t, '/practitioners', { teamId, name: 'Ana Example', role: 'practitioner', ...overrides })

export const familyPayload = (teamId: string, overrides: object = {}) => ({
  teamId,
  reference: `FAM-${unique()}`,
  tier: 3,
  plan: 'child_in_need',
  members: [
    { givenName: 'Sam', familyName: 'Example', dateOfBirth: '2015-03-01', role: 'child' },
    { givenName: 'Alex', familyName: 'Example', dateOfBirth: '1988-07-09', role: 'parent_carer' },
  ],
  leadProfessional: { name: 'Jo Example', role: 'social_worker', organisation: "Children's Social Care", email: 'jo@example.org' },
  ...overrides,
})

export const aFamily = (t: TestApp, teamId: string, overrides: object = {}, key?: string) => created(t, '/families', familyPayload(teamId, overrides), key)

export const requestPayload = (familyId: string, teamId: string, overrides: object = {}) => ({
  familyId,
  teamId,
  kind: 'intervention',
  route: 'casework_supervision',
  focus: 'Support with routines and school attendance',
  targetOutcomes: ['Sam attends school every day'],
  requestedBy: { name: 'Jo Example', role: 'social_worker', email: 'jo@example.org' },
  consent: { given: true, recordedAt: '2026-12-22T15:00:00Z', recordedBy: 'Jo Example' },
  receivedAt: '2026-12-23T10:00:00Z',
  ...overrides,
})

export const aServiceRequest = (t: TestApp, familyId: string, teamId: string, overrides: object = {}, key?: string) =>
  created(t, '/service-requests', requestPayload(familyId, teamId, overrides), key)

/** Screens a received request and accepts it (000 §8; 002). */
export async function accepted(t: TestApp, serviceRequestId: string, decidedAt = '2026-12-23T12:00:00Z') {
  const res = await t.call({
    method: 'POST',
    url: `/service-requests/${serviceRequestId}/decision`,
    payload: { decision: 'accepted', decidedBy: 'Locality team', decidedAt },
  })
  if (res.statusCode !== 200) throw new Error(`Accepting ${serviceRequestId} gave ${res.statusCode}: ${res.body}`)
  return res.json()
}

export const anAllocation = (t: TestApp, serviceRequestId: string, practitionerId: string, overrides: object = {}) =>
  created(t, '/allocations', { serviceRequestId, practitionerId, allocatedBy: 'Team manager', allocatedAt: '2026-12-31T09:00:00Z', ...overrides })

/** The clock of a standard in an SLA block. */
export const clockOf = (resource: { sla: { clocks: { standard: string }[] } }, standard: string) =>
  resource.sla.clocks.find((c) => c.standard === standard) as Record<string, unknown> | undefined

export const anEscalation = (t: TestApp, familyId: string, teamId: string, overrides: object = {}, key?: string) =>
  created(
    t,
    '/escalations',
    {
      kind: 'disagreement',
      familyId,
      teamId,
      raisedAt: '2026-12-21T10:00:00Z',
      raisedBy: 'Ana Example',
      subject: 'Threshold decision',
      level: 'senior_practitioner',
      ...overrides,
    },
    key,
  )

/** An allocated request ready for an intervention: team, family, practitioner, request and allocation. */
export async function anAllocatedCase(
  t: TestApp,
  overrides: { team?: { id: string }; preset?: string; allocatedAt?: string; practitioner?: { id: string } } = {},
) {
  const team = overrides.team ?? (await aTeam(t, { standardsPreset: overrides.preset ?? 'trt' }))
  const practitioner = overrides.practitioner ?? (await aPractitioner(t, team.id, { caseloadCapacity: 30 }))
  const family = await aFamily(t, team.id)
  const request = await aServiceRequest(t, family.id, team.id)
  // A Level 3 request is screened before it is allocated (002).
  if (team.standardsPreset === 'level-3') await accepted(t, request.id)
  const allocation = await anAllocation(t, request.id, practitioner.id, { allocatedAt: overrides.allocatedAt ?? '2026-12-31T09:00:00Z' })
  return { team, practitioner, family, request, allocation }
}

export const anIntervention = (t: TestApp, allocationId: string, startedAt: string, key?: string) =>
  created(t, '/interventions', { allocationId, startedAt }, key)

export const contactPayload = (occurredAt: string, overrides: object = {}) => ({
  occurredAt,
  recordedAt: occurredAt,
  durationMinutes: 60,
  location: 'Family home',
  purpose: 'Routines and school attendance',
  present: ['Sam', 'Alex'],
  childSeenAlone: true,
  voiceOfChild: 'Sam said mornings are calmer',
  observations: 'Breakfast was ready on time',
  analysis: 'The new routine is holding',
  actions: 'Next visit Thursday at 10',
  ...overrides,
})

export const aContact = (t: TestApp, interventionId: string, occurredAt: string, overrides: object = {}) =>
  created(t, `/interventions/${interventionId}/contacts`, contactPayload(occurredAt, overrides))
