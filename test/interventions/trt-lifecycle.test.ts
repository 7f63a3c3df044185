import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aContact, anAllocatedCase, anIntervention, clockOf } from '../helpers/builders.js'

// Started on Sunday 31 January 2027: months end early (a month from 31 January is 28 February).
const START = '2027-01-31T10:00:00Z'

t.test('TRT intervention: clocks, suspension, consent, reviews, audits, contacts and the ending', async (t) => {
  const api = await buildTestApp(t, { now: '2027-08-20T12:00:00Z' })
  const { team, allocation, request } = await anAllocatedCase(api, { allocatedAt: '2027-01-29T09:00:00Z' })
  const practitionerKey = await api.keyFor('practitioner', team.id)
  const post = (id: string, path: string, payload: object, key?: string, headers?: Record<string, string>) =>
    api.call({ method: 'POST', url: `/interventions/${id}/${path}`, payload, key, headers })

  const started = await anIntervention(api, allocation.id, START, practitionerKey)
  const id = started.id

  t.test('starting carries the request over and starts every clock on the real calendar', async (t) => {
    t.match(started, { status: 'active', focus: 'Support with routines and school attendance', agreedOutcomes: ['Sam attends school every day'], version: 1 })
    const due = Object.fromEntries(started.sla.clocks.map((c: { standard: string; dueDate: string }) => [c.standard, c.dueDate]))
    t.same(due, {
      'weekly-contact': '2027-02-07',
      'first-audit': '2027-02-28',
      'initial-review': '2027-04-25',
      'consent-period': '2027-04-30',
      'three-month-audit': '2027-04-30',
      'joint-supervision': '2027-04-30',
      'maximum-duration': '2027-07-31',
      'final-audit': '2027-07-31',
    })
    const alloc = (await api.call({ method: 'GET', url: `/allocations/${allocation.id}` })).json()
    t.match(clockOf(alloc, 'planning-progress'), { status: 'met', completedAt: '2027-01-31T10:00:00.000Z' }, 'starting is planning progress')
    const again = await api.call({ method: 'POST', url: '/interventions', payload: { allocationId: allocation.id, startedAt: START } })
    t.equal(again.statusCode, 409, 'one intervention per allocation')
    const early = await api.call({ method: 'POST', url: '/interventions', payload: { allocationId: allocation.id, startedAt: '2027-01-01T10:00:00Z' } })
    t.equal(early.statusCode, 400)
    t.equal(early.json().errors[0].field, 'startedAt', 'not before the allocation')
    t.equal(
      (await api.call({ method: 'POST', url: '/interventions', payload: { allocationId: allocation.id, startedAt: '2027-09-01T10:00:00Z' } })).json().errors[0]
        .field,
      'startedAt',
      'not in the future',
    )
    t.equal(
      (await api.call({ method: 'POST', url: '/interventions', key: await api.keyFor('viewer'), payload: { allocationId: allocation.id } })).statusCode,
      403,
    )
  })

  t.test('the weekly contact chain and each contact’s recording clock', async (t) => {
    const first = await aContact(api, id, '2027-02-04T10:00:00Z', { recordedAt: '2027-02-08T16:00:00Z' })
    t.match(clockOf(first, 'contact-recorded'), { dueDate: '2027-02-08', status: 'met' }, 'Thu 4 Feb + 2 working days = Mon 8 Feb')
    const second = await aContact(api, id, '2027-02-12T10:00:00Z', { recordedAt: '2027-02-17T10:00:00Z' })
    t.match(clockOf(second, 'contact-recorded'), { dueDate: '2027-02-16', status: 'met_late' })
    await aContact(api, id, '2027-02-26T10:00:00Z')
    const now = (await api.call({ method: 'GET', url: `/interventions/${id}`, query: { asOf: '2027-02-27' } })).json()
    const weekly = now.sla.clocks.filter((c: { standard: string }) => c.standard === 'weekly-contact')
    t.same(
      weekly.map((c: { dueDate: string; status: string }) => [c.dueDate, c.status]),
      [
        ['2027-02-07', 'met'],
        ['2027-02-11', 'met_late'],
        ['2027-02-19', 'met_late'],
        ['2027-03-05', 'on_track'],
      ],
      'each contact stops the clock and starts the next 7 days',
    )
    const bad = await post(id, 'contacts', { occurredAt: '2027-02-26T10:00:00Z', durationMinutes: 30 })
    t.equal(bad.statusCode, 400)
    t.ok(
      bad.json().errors.some((e: { field: string }) => e.field === 'location'),
      'the facts of the visit are required',
    )
    const list = (await api.call({ method: 'GET', url: `/interventions/${id}/contacts` })).json()
    t.equal(list.items.length, 3)
  })

  t.test('suspension pauses the pausable clocks and resumption moves their due dates', async (t) => {
    t.equal((await post(id, 'suspend', { at: '2027-03-01T09:00:00Z', reason: 'Section 47 enquiry' }, practitionerKey)).statusCode, 403, 'a manager suspends')
    const suspended = await post(id, 'suspend', { at: '2027-03-01T09:00:00Z', reason: 'Section 47 enquiry' }, undefined, { 'if-match': '"4"' })
    t.equal(suspended.statusCode, 412, 'a stale If-Match changes nothing')
    const ok = (await post(id, 'suspend', { at: '2027-03-01T09:00:00Z', reason: 'Section 47 enquiry' })).json()
    t.equal(ok.status, 'suspended')
    const during = (await api.call({ method: 'GET', url: `/interventions/${id}`, query: { asOf: '2027-03-10' } })).json()
    for (const s of ['initial-review', 'maximum-duration']) t.equal(clockOf(during, s)!.status, 'paused', `${s} paused`)
    t.equal(during.sla.clocks.filter((c: { standard: string; status: string }) => c.standard === 'weekly-contact' && c.status === 'paused').length, 1)
    t.equal(clockOf(during, 'consent-period')!.status, 'on_track', 'consent does not wait')
    t.equal((await post(id, 'suspend', { at: '2027-03-02T09:00:00Z', reason: 'again' })).statusCode, 409)
    const resumed = (await post(id, 'resume', { at: '2027-03-15T09:00:00Z' })).json()
    t.equal(resumed.status, 'active')
    // Paused Mon 1 .. Mon 15 March: 10 working days added.
    t.equal(clockOf(resumed, 'initial-review')!.dueDate, '2027-05-10', '25 April + 10 working days, skipping the Early May bank holiday (3 May)')
    t.equal(clockOf(resumed, 'maximum-duration')!.dueDate, '2027-08-13', '31 July + 10 working days')
    t.equal(
      resumed.sla.clocks.find((c: { standard: string; completedAt: null }) => c.standard === 'weekly-contact' && c.completedAt === null).dueDate,
      '2027-03-19',
    )
    t.equal(clockOf(resumed, 'consent-period')!.dueDate, '2027-04-30', 'not pausable: unmoved')
    t.match(resumed.suspensions, [{ suspendedAt: '2027-03-01T09:00:00.000Z', reason: 'Section 47 enquiry', resumedAt: '2027-03-15T09:00:00.000Z' }])
  })

  t.test('audits, joint supervision and the consent extension limit', async (t) => {
    t.match(
      clockOf(
        (await post(id, 'audits', { kind: 'first', recordedAt: '2027-02-25T10:00:00Z', auditor: 'Senior practitioner' }, practitionerKey)).json(),
        'first-audit',
      ),
      { status: 'met' },
    )
    t.equal((await post(id, 'audits', { kind: 'first', auditor: 'x' })).statusCode, 409, 'once')
    const supervised = (await post(id, 'joint-supervisions', { heldAt: '2027-04-28T10:00:00Z' })).json()
    const joint = supervised.sla.clocks.filter((c: { standard: string }) => c.standard === 'joint-supervision')
    t.same(
      joint.map((c: { dueDate: string; status: string }) => [c.dueDate, c.status]),
      [
        ['2027-04-30', 'met'],
        ['2027-07-28', 'overdue'],
      ],
      'recurring every 3 months',
    )

    const tooLong = await post(id, 'consent-extension', { extendedAt: '2027-04-20T10:00:00Z', until: '2027-08-01', recordedBy: 'Jo Example' })
    t.equal(tooLong.statusCode, 422)
    t.equal(tooLong.json().errors[0].field, 'until', 'at most 6 months in all: 31 July')
    t.equal(
      (await post(id, 'consent-extension', { extendedAt: '2027-04-20T10:00:00Z', until: '2027-04-30', recordedBy: 'Jo Example' })).statusCode,
      400,
      'must extend past the initial 3 months',
    )
    t.equal(
      (await post(id, 'consent-extension', { extendedAt: '2027-04-20T10:00:00Z', until: '2027-07-31', recordedBy: 'Jo' }, practitionerKey)).statusCode,
      403,
    )
    const extended = (await post(id, 'consent-extension', { extendedAt: '2027-04-20T10:00:00Z', until: '2027-07-31', recordedBy: 'Jo Example' })).json()
    t.match(clockOf(extended, 'consent-period'), { status: 'met', completedAt: '2027-04-20T10:00:00.000Z' })
    t.equal((await post(id, 'consent-extension', { until: '2027-07-30', recordedBy: 'Jo Example' })).statusCode, 409, 'only one extension')
  })

  t.test('reviews: practitioners continue, managers extend, past 6 months only by exception', async (t) => {
    t.equal((await post(id, 'reviews', { heldAt: '2027-04-20T11:00:00Z', decision: 'extend', extendedUntil: '2027-07-01' }, practitionerKey)).statusCode, 403)
    const reviewed = (await post(id, 'reviews', { heldAt: '2027-04-20T11:00:00Z', decision: 'continue', notes: 'Good progress' }, practitionerKey)).json()
    t.match(clockOf(reviewed, 'initial-review'), { status: 'met' })
    const tooFar = await post(id, 'reviews', { heldAt: '2027-07-01T11:00:00Z', decision: 'extend', extendedUntil: '2027-09-01' })
    t.equal(tooFar.statusCode, 422)
    t.equal(tooFar.json().errors[0].field, 'extendedUntil')
    t.match(tooFar.json().detail, /2027-08-13/, 'the maximum moved by the suspension')
    t.equal(
      (
        await post(
          id,
          'duration-exception',
          { recordedAt: '2027-07-01T10:00:00Z', until: '2027-09-30', reason: 'Court timetable', agreedBy: 'Head of service' },
          practitionerKey,
        )
      ).statusCode,
      403,
    )
    t.equal(
      (
        await post(id, 'duration-exception', {
          recordedAt: '2027-07-01T10:00:00Z',
          until: '2027-09-30',
          reason: 'Court timetable',
          agreedBy: 'Head of service',
        })
      ).statusCode,
      200,
    )
    const extended = (await post(id, 'reviews', { heldAt: '2027-07-01T11:00:00Z', decision: 'extend', extendedUntil: '2027-09-01' })).json()
    t.equal(extended.extendedUntil, '2027-09-01')
    t.equal(extended.reviews.length, 2)
  })

  t.test('ending needs the summary of work, and stops or cancels the clocks', async (t) => {
    const missing = await post(id, 'end', { endedAt: '2027-08-10T10:00:00Z', summary: 'Routines established' })
    t.equal(missing.statusCode, 400)
    t.same(
      missing
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
      ['childViews', 'onwardSupport', 'progress'],
    )
    const blank = await post(id, 'end', { endedAt: '2027-08-10T10:00:00Z', summary: '', childViews: 'x', progress: 'x', onwardSupport: 'x' })
    t.equal(blank.json().errors[0].field, 'summary')
    t.equal((await api.call({ method: 'GET', url: `/interventions/${id}` })).json().status, 'active', 'nothing changed')

    const ended = (
      await post(
        id,
        'end',
        {
          endedAt: '2027-08-10T10:00:00Z',
          summary: 'Routines established',
          childViews: 'Sam feels mornings are calmer',
          progress: 'Attendance up from 70% to 96%',
          onwardSupport: 'School nurse; three-way handover meeting held',
          handover: 'Handover 9 August',
        },
        practitionerKey,
      )
    ).json()
    t.match(ended, {
      status: 'ended',
      endedAt: '2027-08-10T10:00:00.000Z',
      followUpDueOn: '2028-02-10',
      ending: { childViews: 'Sam feels mornings are calmer' },
    })
    const status = (s: string) => ended.sla.clocks.filter((c: { standard: string }) => c.standard === s).map((c: { status: string }) => c.status)
    t.same(status('maximum-duration'), ['met'])
    t.same(status('weekly-contact').at(-1), 'missed', 'no contact since February: the open weekly clock is missed, not cancelled')
    t.same(status('joint-supervision'), ['met', 'missed'], 'the supervision due 28 July was never held')
    t.same(status('three-month-audit'), ['missed'], 'the three-month audit was due 30 April and never recorded: a breach, never erased')
    t.same(status('final-audit'), ['overdue'], 'due 31 July: the final audit is still owed')
    const open = ['on_track', 'due_soon', 'overdue', 'paused']
    t.same(
      ended.sla.clocks.filter((c: { status: string }) => open.includes(c.status)).map((c: { standard: string }) => c.standard),
      ['final-audit', 'baseline-follow-up'],
      'only the final audit and the 6-month baseline follow-up are open',
    )
    t.match(clockOf(ended, 'baseline-follow-up'), { dueDate: '2028-02-10', status: 'on_track' }, 'the follow-up clock is due on followUpDueOn')
    const breaches = (await api.call({ method: 'GET', url: '/breaches', query: { familyId: request.familyId, status: 'missed' } })).json()
    t.same(
      breaches.items.map((b: { standard: string }) => b.standard).sort(),
      ['case-discussion', 'joint-supervision', 'joint-visit', 'three-month-audit', 'weekly-contact'],
      'the missed audit is in /breaches, as are the case discussion and joint visit never recorded on the allocation',
    )
    const audited = (await post(id, 'audits', { kind: 'final', recordedAt: '2027-08-12T10:00:00Z', auditor: 'Team manager' })).json()
    t.same(
      audited.sla.clocks.filter((c: { status: string }) => open.includes(c.status)).map((c: { standard: string }) => c.standard),
      ['baseline-follow-up'],
      'no clock but the follow-up is open',
    )
    t.equal((await api.call({ method: 'GET', url: `/allocations/${allocation.id}` })).json().status, 'ended')
    t.match((await api.call({ method: 'GET', url: `/service-requests/${request.id}` })).json(), { status: 'ended', endedReason: 'intervention_ended' })
    t.equal((await post(id, 'end', { summary: 'x', childViews: 'x', progress: 'x', onwardSupport: 'x' })).statusCode, 409, 'ends once')
    t.equal(
      (
        await api.call({
          method: 'POST',
          url: `/interventions/${id}/contacts`,
          payload: {
            occurredAt: '2027-08-15T10:00:00Z',
            durationMinutes: 30,
            location: 'x',
            purpose: 'x',
            present: ['x'],
            childSeenAlone: false,
            voiceOfChild: 'x',
            observations: 'x',
            analysis: 'x',
            actions: 'x',
          },
        })
      ).statusCode,
      409,
    )
    const early = await post(id, 'baseline-follow-up', {
      recordedAt: '2027-08-15T10:00:00Z',
      results: [{ measureId: 'baseline-no-social-care-process', achieved: true }],
    })
    t.equal(early.json().errors[0].field, 'recordedAt', 'the follow-up is 6 months after the end')
  })
})
