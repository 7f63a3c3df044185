import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aContact, anAllocatedCase, anIntervention, clockOf, contactPayload } from '../helpers/builders.js'

const START = '2027-02-01T10:00:00Z'
const unwritten = (occurredAt: string) => {
  const { recordedAt: _r, voiceOfChild: _v, observations: _o, analysis: _a, actions: _x, ...visit } = contactPayload(occurredAt)
  return visit
}

t.test('a contact saved before its write-up: the recording clock runs until the write-up', async (t) => {
  const api = await buildTestApp(t, { now: '2027-02-20T12:00:00Z' })
  const { team, allocation } = await anAllocatedCase(api, { allocatedAt: '2027-01-29T09:00:00Z' })
  const key = await api.keyFor('practitioner', team.id)
  const { id } = await anIntervention(api, allocation.id, START, key)
  const contacts = `/interventions/${id}/contacts`

  const saved = await api.call({ method: 'POST', url: contacts, payload: unwritten('2027-02-04T10:00:00Z'), key })
  t.equal(saved.statusCode, 201, saved.body)
  const contact = saved.json()
  t.match(contact, { recordedAt: null, voiceOfChild: null, observations: null, analysis: null, actions: null, version: 1 })
  t.match(clockOf(contact, 'contact-recorded'), { dueDate: '2027-02-08', status: 'overdue' }, 'Thu 4 Feb + 2 working days, not written by 20 Feb')
  const before = (await api.call({ method: 'GET', url: `${contacts}/${contact.id}`, query: { asOf: '2027-02-05T12:00:00Z' } })).json()
  t.equal(clockOf(before, 'contact-recorded')?.status, 'due_soon', 'within its 2 working days it is not yet late')

  const partial = await api.call({ method: 'POST', url: contacts, payload: contactPayload('2027-02-05T10:00:00Z', { analysis: undefined }), key })
  t.equal(partial.statusCode, 400)
  t.same(
    partial.json().errors.map((e: { field: string }) => e.field),
    ['analysis'],
    'the write-up comes whole or not at all',
  )
  const timeOnly = await api.call({ method: 'POST', url: contacts, payload: { ...unwritten('2027-02-05T10:00:00Z'), recordedAt: '2027-02-05T12:00:00Z' }, key })
  t.equal(timeOnly.statusCode, 400)
  t.equal(timeOnly.json().errors[0].field, 'recordedAt', 'a write-up time needs the write-up')

  const writeUp = `${contacts}/${contact.id}/write-up`
  const text = { voiceOfChild: 'Sam said mornings are calmer', observations: 'Breakfast ready', analysis: 'Holding', actions: 'Visit Thursday' }
  const early = await api.call({ method: 'POST', url: writeUp, payload: { ...text, recordedAt: '2027-02-03T10:00:00Z' }, key })
  t.equal(early.statusCode, 400)
  t.equal(early.json().errors[0].field, 'recordedAt', 'not before the contact')
  const written = await api.call({ method: 'POST', url: writeUp, payload: { ...text, recordedAt: '2027-02-10T09:00:00Z' }, key })
  t.equal(written.statusCode, 200, written.body)
  t.match(written.json(), { recordedAt: '2027-02-10T09:00:00.000Z', observations: 'Breakfast ready', version: 2 })
  t.match(clockOf(written.json(), 'contact-recorded'), { dueDate: '2027-02-08', status: 'met_late' }, 'the write-up stops the clock, late')
  t.equal((await api.call({ method: 'POST', url: writeUp, payload: text, key })).statusCode, 409, 'written up once')
  t.equal((await api.call({ method: 'POST', url: `${contacts}/00000000-0000-7000-8000-000000000000/write-up`, payload: text, key })).statusCode, 404)

  const onTime = (await api.call({ method: 'POST', url: contacts, payload: unwritten('2027-02-18T10:00:00Z'), key })).json()
  const done = await api.call({ method: 'POST', url: `${contacts}/${onTime.id}/write-up`, payload: text, key })
  t.match(clockOf(done.json(), 'contact-recorded'), { dueDate: '2027-02-22', status: 'met' }, 'written up on 20 Feb (now), within the 2 working days')
  const weekly = (await api.call({ method: 'GET', url: `/interventions/${id}` })).json()
  const chain = weekly.sla.clocks.filter((c: { standard: string }) => c.standard === 'weekly-contact').map((c: { dueDate: string }) => c.dueDate)
  t.same(chain.slice(-2), ['2027-02-11', '2027-02-25'], 'the contacts themselves, written or not, stop the weekly-contact clock')
})

t.test('a contact is corrected as a new version; the version replaced stays readable', async (t) => {
  const api = await buildTestApp(t, { now: '2027-02-20T12:00:00Z' })
  const { team, allocation } = await anAllocatedCase(api, { allocatedAt: '2027-01-29T09:00:00Z' })
  const key = await api.keyFor('practitioner', team.id)
  const { id } = await anIntervention(api, allocation.id, START, key)
  const contact = await aContact(api, id, '2027-02-04T10:00:00Z')
  const url = `/interventions/${id}/contacts/${contact.id}/corrections`

  const fixed = await api.call({
    method: 'POST',
    url,
    key,
    payload: { correctedBy: 'Ana Example', reason: 'Wrong visit notes pasted', observations: 'Breakfast was late; Sam was upset', durationMinutes: 45 },
  })
  t.equal(fixed.statusCode, 200, fixed.body)
  t.match(fixed.json(), { observations: 'Breakfast was late; Sam was upset', durationMinutes: 45, analysis: contact.analysis, version: 2 })
  const read = (await api.call({ method: 'GET', url: `/interventions/${id}/contacts/${contact.id}` })).json()
  t.equal(read.observations, 'Breakfast was late; Sam was upset', 'reads give the latest version')

  const history = (await api.call({ method: 'GET', url })).json().items
  t.equal(history.length, 1)
  t.match(history[0], { version: 1, correctedBy: 'Ana Example', reason: 'Wrong visit notes pasted', correctedAt: '2027-02-20T12:00:00.000Z' })
  t.match(history[0].previous, { observations: 'Breakfast was ready on time', durationMinutes: 60, version: 1 }, 'the original stays readable')

  const nothing = await api.call({ method: 'POST', url, key, payload: { correctedBy: 'Ana Example', reason: 'No change' } })
  t.equal(nothing.statusCode, 400, 'a correction changes something')
  const noWhy = await api.call({ method: 'POST', url, key, payload: { correctedBy: 'Ana Example', observations: 'x' } })
  t.equal(noWhy.statusCode, 400)
  t.ok(
    noWhy.json().errors.some((e: { field: string }) => e.field === 'reason'),
    'a correction says why',
  )
  const times = await api.call({ method: 'POST', url, key, payload: { correctedBy: 'A', reason: 'r', occurredAt: '2027-02-05T10:00:00Z' } })
  t.equal(times.statusCode, 400, 'the times that drive the clocks are not corrected')

  const pending = (
    await api.call({
      method: 'POST',
      url: `/interventions/${id}/contacts`,
      key,
      payload: { occurredAt: '2027-02-11T10:00:00Z', durationMinutes: 30, location: 'School', purpose: 'Check-in', present: ['Sam'], childSeenAlone: true },
    })
  ).json()
  const early = await api.call({
    method: 'POST',
    url: `/interventions/${id}/contacts/${pending.id}/corrections`,
    key,
    payload: { correctedBy: 'A', reason: 'r', analysis: 'x' },
  })
  t.equal(early.statusCode, 409, 'an unwritten contact is written up, not corrected')
  t.equal((await api.call({ method: 'GET', url: `/interventions/${id}/contacts/${pending.id}/corrections` })).json().items.length, 0)
})
