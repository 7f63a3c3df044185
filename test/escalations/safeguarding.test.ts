import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, anEscalation, aTeam, clockOf } from '../helpers/builders.js'
import { until } from '../helpers/until.js'

t.test('a safeguarding concern records whether the parents were told before the contact to the hub (004 §7)', async (t) => {
  const api = await buildTestApp(t)
  const eh = await aTeam(api, { standardsPreset: 'early-help' })
  const family = await aFamily(api, eh.id)
  const concern = (extra: object = {}) =>
    anEscalation(api, family.id, eh.id, { kind: 'safeguarding_concern', level: undefined, subject: 'Bruising', raisedAt: '2027-01-29T10:00:00Z', ...extra })
  const hub = (id: string, payload: object) =>
    api.call({ method: 'POST', url: `/escalations/${id}/hub-contacts`, payload: { method: 'writing', at: '2027-01-29T11:00:00Z', ...payload } })

  const first = await concern()
  t.match(first, { parentsInformed: null, parentsNotInformedReason: null })
  const unknown = await hub(first.id, {})
  t.equal(unknown.statusCode, 400)
  t.equal(unknown.json().errors[0].field, 'parentsInformed', 'the contact to the hub needs to know whether the parents were told')
  const noReason = await hub(first.id, { parentsInformed: false })
  t.equal(noReason.statusCode, 400)
  t.equal(noReason.json().errors[0].field, 'parentsNotInformedReason', 'not telling them needs the reason')
  const told = await hub(first.id, { parentsInformed: false, parentsNotInformedReason: 'Telling the father would increase the risk to the child' })
  t.equal(told.statusCode, 200, told.body)
  t.match(told.json(), { parentsInformed: false, parentsNotInformedReason: 'Telling the father would increase the risk to the child' })
  // The feed shows a change once every transaction that began before it has ended: other work may be running.
  let events: { subjectId: string; data: object }[] = []
  await until(async () => {
    const feed = (await api.call({ method: 'GET', url: '/events', query: { type: 'escalation.hub-contacted-in-writing' } })).json()
    events = feed.items.filter((e: { subjectId: string }) => e.subjectId === first.id)
    return events.length > 0
  })
  t.match(events.at(-1), { data: { parentsInformed: false } }, 'the event carries it')

  const recorded = await concern({ parentsInformed: true })
  t.match(recorded, { parentsInformed: true, parentsNotInformedReason: null })
  t.equal((await hub(recorded.id, {})).statusCode, 200, 'recorded when the concern was raised, it need not be repeated')
  const both = await api.call({
    method: 'POST',
    url: '/escalations',
    payload: {
      kind: 'safeguarding_concern',
      familyId: family.id,
      teamId: eh.id,
      raisedBy: 'A',
      subject: 'S',
      parentsInformed: true,
      parentsNotInformedReason: 'x',
    },
  })
  t.equal(both.json().errors[0].field, 'parentsNotInformedReason', 'a reason only when they were not told')
  const notConcern = await api.call({
    method: 'POST',
    url: '/escalations',
    payload: { kind: 'disagreement', familyId: family.id, teamId: eh.id, raisedBy: 'A', subject: 'S', parentsInformed: true },
  })
  t.equal(notConcern.json().errors[0].field, 'parentsInformed')
})

t.test('contact the safeguarding hub the same day, in every preset whose document says so', async (t) => {
  const api = await buildTestApp(t, { now: '2027-02-03T12:00:00Z' })
  const eh = await aTeam(api, { standardsPreset: 'early-help' })
  const family = await aFamily(api, eh.id)
  const raised = await anEscalation(api, family.id, eh.id, {
    kind: 'safeguarding_concern',
    level: undefined,
    subject: 'Disclosure',
    raisedAt: '2027-02-01T09:00:00Z',
    parentsInformed: true,
  })
  t.match(clockOf(raised, 'hub-contacted'), { dueDate: '2027-02-01', status: 'overdue' }, '004 §7: immediately, not delayed')
  const sameDay = await anEscalation(api, family.id, eh.id, {
    kind: 'safeguarding_concern',
    level: undefined,
    subject: 'Injury',
    raisedAt: '2027-02-03T09:00:00Z',
  })
  const phoned = await api.call({
    method: 'POST',
    url: `/escalations/${sameDay.id}/hub-contacts`,
    payload: { method: 'phone', at: '2027-02-03T10:00:00Z', parentsInformed: true },
  })
  t.match(clockOf(phoned.json(), 'hub-contacted'), { dueDate: '2027-02-03', status: 'met' })
  for (const preset of ['trt', 'targeted-help', 'level-3']) {
    const team = await aTeam(api, { standardsPreset: preset })
    const f = await aFamily(api, team.id)
    const c = await anEscalation(api, f.id, team.id, { kind: 'safeguarding_concern', level: undefined, subject: 'Concern', raisedAt: '2027-02-01T09:00:00Z' })
    t.notOk(clockOf(c, 'hub-contacted'), `${preset}: its document sets no time to contact the hub`)
  }
})

t.test('a step-up that leads to a contact to the hub starts the feedback clock, as a hub contact does', async (t) => {
  const api = await buildTestApp(t, { now: '2027-02-03T12:00:00Z' })
  const eh = await aTeam(api, { standardsPreset: 'early-help' })
  const family = await aFamily(api, eh.id)
  const stepUp = await anEscalation(api, family.id, eh.id, {
    kind: 'step_up',
    level: undefined,
    subject: undefined,
    reason: 'Escalating neglect',
    leadProfessional: { name: 'Jo Example', role: 'social_worker' },
    raisedAt: '2027-02-01T09:00:00Z',
  })
  const outcome = await api.call({
    method: 'POST',
    url: `/escalations/${stepUp.id}/outcome`,
    payload: { outcome: 'contact_to_safeguarding_hub', at: '2027-02-01T15:00:00Z' },
  })
  t.equal(outcome.statusCode, 200, outcome.body)
  t.match(outcome.json(), { status: 'open', outcome: { outcome: 'contact_to_safeguarding_hub' } }, 'open until the hub’s feedback')
  t.match(clockOf(outcome.json(), 'contact-feedback'), { dueDate: '2027-02-08', status: 'on_track' }, '5 working days from Mon 1 Feb')
  t.equal((await api.call({ method: 'POST', url: `/escalations/${stepUp.id}/outcome`, payload: { outcome: 'not_accepted' } })).statusCode, 409, 'one outcome')
  const feedback = await api.call({ method: 'POST', url: `/escalations/${stepUp.id}/feedback`, payload: { at: '2027-02-03T09:00:00Z', text: 'Accepted' } })
  t.equal(feedback.statusCode, 200, feedback.body)
  t.match(feedback.json(), { status: 'completed', feedback: { text: 'Accepted' } })
  t.match(clockOf(feedback.json(), 'contact-feedback'), { status: 'met' })

  const other = await anEscalation(api, (await aFamily(api, eh.id)).id, eh.id, {
    kind: 'step_up',
    level: undefined,
    subject: undefined,
    reason: 'r',
    leadProfessional: { name: 'Jo', role: 'social_worker' },
    raisedAt: '2027-02-01T09:00:00Z',
  })
  const advice = (await api.call({ method: 'POST', url: `/escalations/${other.id}/outcome`, payload: { outcome: 'advice_given' } })).json()
  t.match(advice, { status: 'completed' })
  t.notOk(clockOf(advice, 'contact-feedback'), 'advice alone starts no feedback clock')
})
