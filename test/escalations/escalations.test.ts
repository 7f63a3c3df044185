import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, anEscalation, aTeam, clockOf } from '../helpers/builders.js'

t.test('the disagreement ladder, its clock over Christmas, and the final decision', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const family = await aFamily(api, team.id)
  const practitioner = await api.keyFor('practitioner')
  const esc = await anEscalation(api, family.id, team.id, {}, practitioner)
  t.match(esc, {
    kind: 'disagreement',
    status: 'open',
    level: 'senior_practitioner',
    subject: 'Threshold decision',
    steps: [{ level: 'senior_practitioner', by: 'Ana Example' }],
  })
  t.equal(clockOf(esc, 'disagreement-step'), undefined, 'no clock until the discussion with social care')

  const step = (level: string, at: string, key?: string) =>
    api.call({ method: 'POST', url: `/escalations/${esc.id}/steps`, payload: { level, at, by: 'Sam Senior' }, key })
  const discussed = await step('social_care_discussion', '2026-12-23T15:00:00Z')
  t.equal(discussed.statusCode, 200)
  // Wed 23 Dec + 2 working days: Thu 24, then Christmas Day, Boxing Day (substitute Mon 28) and the weekend skipped: Tue 29.
  t.match(clockOf(discussed.json(), 'disagreement-step'), { dueDate: '2026-12-29', status: 'overdue' })
  t.equal((await step('senior_practitioner', '2026-12-24T10:00:00Z')).statusCode, 409, 'a step never goes down')
  const early = await api.call({ method: 'POST', url: `/escalations/${esc.id}/final-decision`, payload: { by: 'Head of Service', text: 'Threshold met' } })
  t.equal(early.statusCode, 409, 'the final decision waits for the service manager level')

  const raised = await step('service_manager', '2026-12-30T09:00:00Z')
  t.match(clockOf(raised.json(), 'disagreement-step'), { status: 'met_late', completedAt: '2026-12-30T09:00:00.000Z' })
  t.equal(raised.json().steps.length, 3, 'each step recorded with who and when')

  const forbidden = await api.call({
    method: 'POST',
    url: `/escalations/${esc.id}/final-decision`,
    payload: { by: 'Head of Service', text: 'Threshold met' },
    key: practitioner,
  })
  t.equal(forbidden.statusCode, 403, 'managers decide')
  const decided = await api.call({
    method: 'POST',
    url: `/escalations/${esc.id}/final-decision`,
    payload: { at: '2027-01-05T10:00:00Z', by: 'Head of Service', text: 'Threshold met: proceed' },
    headers: { 'if-match': `"${raised.json().version}"` },
  })
  t.equal(decided.statusCode, 200)
  t.match(decided.json(), {
    status: 'decided',
    finalDecision: { by: 'Head of Service', text: 'Threshold met: proceed', at: '2027-01-05T10:00:00.000Z' },
    closedAt: '2027-01-05T10:00:00.000Z',
  })
  t.equal((await step('service_manager', '2027-01-06T10:00:00Z')).statusCode, 409, 'closed')

  const types = (await api.db.selectFrom('events').select('type').where('subjectId', '=', esc.id).orderBy('id').execute()).map((e) => e.type)
  t.same(types, ['escalation.raised', 'escalation.senior-discussion-held', 'escalation.raised-to-service-manager', 'escalation.final-decision'])
})

t.test('a step-up is idempotent on the family’s open step-up; a step-down names the new lead', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const family = await aFamily(api, team.id)
  const integration = await api.keyFor('integration')
  const payload = {
    kind: 'step_up',
    familyId: family.id,
    teamId: team.id,
    raisedBy: 'Lead practitioner',
    reason: 'Risks increasing',
    leadProfessional: { name: 'Jo Social', role: 'social_worker', organisation: "Children's Social Care" },
  }
  const first = await api.call({ method: 'POST', url: '/escalations', payload, key: integration })
  t.equal(first.statusCode, 201)
  const again = await api.call({ method: 'POST', url: '/escalations', payload: { ...payload, reason: 'Asked again' }, key: integration })
  t.equal(again.statusCode, 200)
  t.equal(again.json().id, first.json().id, 'the open step-up is returned')
  const both = await Promise.all([1, 2, 3].map(() => api.call({ method: 'POST', url: '/escalations', payload, key: integration })))
  t.same(new Set(both.map((r) => r.json().id)), new Set([first.json().id]), 'concurrent requests too')
  t.equal(
    (await api.call({ method: 'POST', url: '/escalations', payload: { ...payload, leadProfessional: undefined } })).statusCode,
    400,
    'the lead professional is required',
  )
  const practitioner = await api.keyFor('practitioner')
  t.equal((await api.call({ method: 'POST', url: '/escalations', payload, key: practitioner })).statusCode, 403, 'integrations and managers record step-ups')

  const outcome = await api.call({
    method: 'POST',
    url: `/escalations/${first.json().id}/outcome`,
    payload: { outcome: 'accepted_by_social_care' },
    key: integration,
  })
  t.match(outcome.json(), { status: 'completed', outcome: { outcome: 'accepted_by_social_care' } })
  const next = await api.call({ method: 'POST', url: '/escalations', payload, key: integration })
  t.equal(next.statusCode, 201, 'once closed, a new step-up can be opened')

  const down = await api.call({
    method: 'POST',
    url: '/escalations',
    payload: {
      kind: 'step_down',
      familyId: family.id,
      teamId: team.id,
      raisedBy: 'Social worker',
      leadProfessional: { name: 'Pat School', role: 'lead_practitioner', organisation: 'School' },
    },
    key: integration,
  })
  t.equal(down.statusCode, 201)
  t.match(down.json(), { status: 'completed', leadProfessional: { name: 'Pat School' } })
})

t.test('a safeguarding concern: raised with a manager the same day; in early help, written up in 48 hours and feedback in 5 working days', async (t) => {
  const api = await buildTestApp(t)
  const trt = await aTeam(api)
  const family = await aFamily(api, trt.id)
  const concern = await anEscalation(api, family.id, trt.id, {
    kind: 'safeguarding_concern',
    level: undefined,
    subject: 'Disclosure at school',
    raisedAt: '2027-01-28T09:30:00Z',
  })
  t.match(clockOf(concern, 'safeguarding-raised'), { dueDate: '2027-01-28', status: 'overdue' })
  const informed = await api.call({
    method: 'POST',
    url: `/escalations/${concern.id}/manager-informed`,
    payload: { at: '2027-01-28T16:00:00Z', by: 'TRT manager' },
  })
  t.match(clockOf(informed.json(), 'safeguarding-raised'), { status: 'met' }, 'raised the same day')

  const eh = await aTeam(api, { standardsPreset: 'early-help' })
  const ehFamily = await aFamily(api, eh.id)
  const c2 = await anEscalation(api, ehFamily.id, eh.id, {
    kind: 'safeguarding_concern',
    level: undefined,
    subject: 'Bruising',
    raisedAt: '2027-01-29T10:00:00Z',
  })
  const phoned = await api.call({
    method: 'POST',
    url: `/escalations/${c2.id}/hub-contacts`,
    payload: { method: 'phone', at: '2027-01-29T11:00:00Z', parentsInformed: true },
  })
  t.match(clockOf(phoned.json(), 'written-follow-up'), { dueAt: '2027-01-31T11:00:00.000Z', status: 'overdue' }, '48 hours, weekend or not')
  t.match(clockOf(phoned.json(), 'contact-feedback'), { dueDate: '2027-02-05', status: 'on_track' })
  const written = await api.call({ method: 'POST', url: `/escalations/${c2.id}/written-follow-up`, payload: { at: '2027-01-31T10:00:00Z' } })
  t.match(clockOf(written.json(), 'written-follow-up'), { status: 'met' })
  const feedback = await api.call({
    method: 'POST',
    url: `/escalations/${c2.id}/feedback`,
    payload: { at: '2027-02-01T09:00:00Z', text: 'Accepted as a referral' },
  })
  t.match(clockOf(feedback.json(), 'contact-feedback'), { status: 'met' })
  t.equal((await api.call({ method: 'POST', url: `/escalations/${c2.id}/feedback`, payload: {} })).statusCode, 409, 'only once')
})
