import type { TestApp } from '../helpers/app.js'
import { aContact, accepted, aFamily, anAllocation, anEscalation, anIntervention, aPractitioner, aServiceRequest, aTeam } from '../helpers/builders.js'

async function posted(api: TestApp, url: string, payload: object) {
  const res = await api.call({ method: 'POST', url, payload })
  if (res.statusCode !== 201 && res.statusCode !== 200) throw new Error(`POST ${url} gave ${res.statusCode}: ${res.body}`)
  return res.json()
}

/** One team's records: one of everything an operation can name. */
export async function aTeamWorld(api: TestApp) {
  const team = await aTeam(api, { standardsPreset: 'level-3' })
  const practitioner = await aPractitioner(api, team.id, { caseloadCapacity: 50 })
  const specialist = await aPractitioner(api, team.id, { role: 'specialist', specialism: 'substance_misuse' })
  const family = await aFamily(api, team.id)
  const request = await aServiceRequest(api, family.id, team.id, { consent: undefined })
  await accepted(api, request.id, '2026-12-23T12:00:00Z')
  const allocation = await anAllocation(api, request.id, practitioner.id, { allocatedAt: '2026-12-24T09:00:00Z' })
  await posted(api, `/allocations/${allocation.id}/initial-visit`, {
    heldAt: '2026-12-28T10:00:00Z',
    consent: { decision: 'given', scopes: ['service'], givenBy: { name: 'Alex', relationship: 'parent' }, recordedBy: 'Kim' },
  })
  const plan = await posted(api, '/plans', {
    serviceRequestId: request.id,
    kind: 'level_3_plan',
    summary: 'Calmer mornings',
    agreedBy: ['Alex (parent)'],
    agreedAt: '2026-12-29T10:00:00Z',
    actions: [{ what: 'Morning routine chart', who: 'Kim Example', dueOn: '2027-01-25' }],
  })
  const assessment = await posted(api, '/assessments', {
    serviceRequestId: request.id,
    kind: 'level_3_assessment',
    startedAt: '2026-12-29T11:00:00Z',
    startedBy: 'Kim Example',
  })
  const panelRequest = await aServiceRequest(api, family.id, team.id, { consent: undefined, receivedAt: '2026-12-30T10:00:00Z' })
  const panel = await posted(api, '/panels', {
    teamId: team.id,
    kind: 'allocation_meeting',
    heldAt: '2027-01-06T10:00:00Z',
    chairedBy: 'Pat Example',
    attendees: [{ name: 'Pat Example', organisation: 'Locality team' }],
    minutesReference: 'PANEL-2027-01-06',
    decisions: [{ serviceRequestId: panelRequest.id, decision: 'deferred', reason: 'School report awaited' }],
  })
  const intervention = await anIntervention(api, allocation.id, '2026-12-30T09:00:00Z')
  const contact = await aContact(api, intervention.id, '2027-01-04T10:00:00Z')
  await posted(api, `/interventions/${intervention.id}/outcome-measures`, { measureIds: ['family-housing'], selectedBy: ['family'] })
  const score = await posted(api, `/interventions/${intervention.id}/outcome-scores`, {
    measureId: 'family-housing',
    phase: 'start',
    perspective: 'parent_carer',
    score: 5,
    recordedAt: '2027-01-05T10:00:00Z',
  })
  const consultation = await posted(api, '/consultations', {
    familyId: family.id,
    teamId: team.id,
    practitionerId: specialist.id,
    specialism: 'substance_misuse',
    heldAt: '2026-12-24T11:00:00Z',
    attendees: ['Sol', 'Jo'],
  })
  const consent = (await api.call({ method: 'GET', url: `/consents?familyId=${family.id}` })).json().items[0]
  const escalation = await anEscalation(api, family.id, team.id)
  const clock = (await api.call({ method: 'GET', url: `/sla-clocks?teamId=${team.id}&limit=1` })).json().items[0]
  const webhook = await posted(api, '/webhooks', { name: 'Receiver', url: 'http://127.0.0.1:9/hook', eventTypes: ['family.created'], teamId: team.id })
  const key = await posted(api, '/api-keys', { name: 'Case system', role: 'integration', teamId: team.id })
  return {
    team,
    practitioner,
    specialist,
    family,
    request,
    allocation,
    plan,
    assessment,
    panel,
    intervention,
    contact,
    score,
    consultation,
    consent,
    escalation,
    clock,
    webhook,
    key,
  }
}

export type TeamWorld = Awaited<ReturnType<typeof aTeamWorld>>
