import t from 'tap'
import { applyResume, planClockChanges } from '../../src/sla/engine.js'
import type { EventType } from '../../src/sla/event-types.js'
import { findStandard, presets } from '../../src/sla/presets.js'
import type { Standard, StandardsPreset } from '../../src/sla/standard.schema.js'
import type { SubjectType } from '../../src/sla/subjects.js'
import type { ClockChange } from '../../src/sla/types.js'
import { englandAndWales, eventOf, IDS, openClock, thrown } from './helpers.js'

const T0 = new Date('2026-03-02T09:00:00Z')
const T1 = new Date('2026-03-04T15:00:00Z')
const subjectOf = (s: Standard) => s.subject as SubjectType
const forStandard = (changes: ClockChange[], s: Standard) => changes.filter((c) => c.kind !== 'start' || c.standardKey === s.key)

// Generated from the preset data: adding a standard or an event to one adds cases here.
for (const preset of Object.values(presets())) {
  t.test(`preset ${preset.id}: every standard is driven by its events`, async (t) => {
    for (const standard of preset.standards) {
      const subject = subjectOf(standard)
      const expectedStart = { kind: 'start', standardKey: standard.key, subjectType: subject, subjectId: IDS[subject] }

      for (const type of standard.startsOn) {
        const changes = planClockChanges(preset, eventOf(type, T0), [])
        const started = changes.find((c) => c.kind === 'start' && c.standardKey === standard.key)
        t.same(started, { ...expectedStart, startedAt: T0, pausedAt: null, until: null }, `${standard.key}: ${type} starts a clock on the ${subject}`)
        const again = planClockChanges(preset, eventOf(type, T1), [openClock('c1', standard.key, subject, T0)])
        const restarts = again.filter((c) => c.kind === 'start' && c.standardKey === standard.key)
        if ((standard.stopsOn as string[]).includes(type)) {
          t.ok(
            again.some((c) => c.kind === 'stop' && c.clockId === 'c1') && restarts.length === 1,
            `${standard.key}: ${type} stops the open clock and starts the next`,
          )
        } else t.equal(restarts.length, 0, `${standard.key}: ${type} does not start a second open clock`)
      }

      for (const type of standard.stopsOn) {
        const clock = openClock('c1', standard.key, subject, T0)
        const changes = forStandard(planClockChanges(preset, eventOf(type, T1), [clock]), standard)
        t.match(changes[0], { kind: 'stop', clockId: 'c1', at: T1 }, `${standard.key}: ${type} stops the open clock`)
        const restart = changes.find((c) => c.kind === 'start' && c.standardKey === standard.key)
        if (standard.recurring) t.match(restart, { ...expectedStart, startedAt: T1 }, `${standard.key}: recurring, the next clock starts at the stop`)
        else if (!standard.startsOn.includes(type)) t.equal(restart, undefined, `${standard.key}: not recurring, nothing restarts`)

        const elsewhere = openClock('c2', standard.key, subject, T0, { subjectId: 'another' })
        const untouched = planClockChanges(preset, eventOf(type, T1), [elsewhere])
        t.notOk(
          untouched.some((c) => c.kind !== 'start' && c.clockId === 'c2'),
          `${standard.key}: ${type} leaves another ${subject}'s clock alone`,
        )
      }

      for (const type of standard.cancelOn) {
        const clock = openClock('c1', standard.key, subject, T0)
        const changes = forStandard(planClockChanges(preset, eventOf(type, T1), [clock]), standard)
        t.same(changes, [{ kind: 'close', clockId: 'c1', at: T1 }], `${standard.key}: ${type} closes the open clock, nothing restarts`)
      }

      for (const type of standard.bringForwardOn) {
        const clock = openClock('c1', standard.key, subject, T0)
        const changes = forStandard(planClockChanges(preset, eventOf(type, T1), [clock]), standard)
        t.same(
          changes.filter((c) => c.kind !== 'start'),
          [{ kind: 'bring-forward', clockId: 'c1', at: T1 }],
          `${standard.key}: ${type} brings the open clock's due date forward`,
        )
      }
    }
  })
}

const trt = presets().trt
const starts = (changes: ClockChange[]) => changes.filter((c) => c.kind === 'start').map((c) => c.kind === 'start' && `${c.standardKey}@${c.subjectType}`)

t.test('an allocation starts the allocation clocks; the request being allocated stops the request clock', async (t) => {
  const created = planClockChanges(trt, eventOf('allocation.created', T0), [openClock('req', 'allocation', 'service_request', T0)])
  t.same(starts(created), ['case-discussion@allocation', 'joint-visit@allocation', 'planning-progress@allocation'])
  t.notOk(
    created.some((c) => c.kind === 'stop'),
    'allocation.created alone does not stop the request clock',
  )

  const allocated = planClockChanges(trt, eventOf('service-request.allocated', T0), [openClock('req', 'allocation', 'service_request', T0)])
  t.same(allocated, [{ kind: 'stop', clockId: 'req', at: T0 }])
})

t.test('the request received starts only the allocation clock', async (t) => {
  t.same(starts(planClockChanges(trt, eventOf('service-request.received', T0), [])), ['allocation@service_request'])
})

t.test('intervention.started starts every intervention clock of the trt preset', async (t) => {
  t.same(starts(planClockChanges(trt, eventOf('intervention.started', T0), [])), [
    'initial-review@intervention',
    'maximum-duration@intervention',
    'consent-period@intervention',
    'first-audit@intervention',
    'three-month-audit@intervention',
    'final-audit@intervention',
    'joint-supervision@intervention',
    'weekly-contact@intervention',
  ])
})

t.test("a contact stops its intervention's weekly-contact clock, starts the next and its own recording clock", async (t) => {
  const changes = planClockChanges(trt, eventOf('contact.occurred', T1), [openClock('week-1', 'weekly-contact', 'intervention', T0)])
  t.same(changes, [
    { kind: 'stop', clockId: 'week-1', at: T1 },
    { kind: 'start', standardKey: 'weekly-contact', subjectType: 'intervention', subjectId: 'intervention-1', startedAt: T1, pausedAt: null, until: null },
    { kind: 'start', standardKey: 'contact-recorded', subjectType: 'contact', subjectId: 'contact-1', startedAt: T1, pausedAt: null, until: null },
  ])
})

t.test('a contact for another intervention does not touch this one', async (t) => {
  const changes = planClockChanges(trt, eventOf('contact.occurred', T1, { intervention: 'intervention-2' }), [
    openClock('week-1', 'weekly-contact', 'intervention', T0),
  ])
  t.same(starts(changes), ['contact-recorded@contact'])
  t.notOk(changes.some((c) => c.kind === 'stop'))
})

t.test('an event that happened before a clock started does not stop it (contacts recorded out of order)', async (t) => {
  const changes = planClockChanges(trt, eventOf('contact.occurred', T0), [openClock('week-2', 'weekly-contact', 'intervention', T1)])
  t.same(starts(changes), ['contact-recorded@contact'])
  t.notOk(changes.some((c) => c.kind === 'stop'))
})

t.test('targeted help: the first review on an intervention stops the 6-week clock on its allocation and starts the 12-weekly reviews', async (t) => {
  const preset = presets()['targeted-help']
  const first = planClockChanges(preset, eventOf('intervention.review-held', T1), [openClock('r', 'first-review', 'allocation', T0)])
  t.same(first, [
    { kind: 'stop', clockId: 'r', at: T1 },
    { kind: 'start', standardKey: 'review', subjectType: 'intervention', subjectId: 'intervention-1', startedAt: T1, pausedAt: null, until: null },
  ])
  const later = new Date('2026-05-20T10:00:00Z')
  const next = planClockChanges(preset, eventOf('intervention.review-held', later), [openClock('v', 'review', 'intervention', T1)])
  t.same(
    next,
    [
      { kind: 'stop', clockId: 'v', at: later },
      { kind: 'start', standardKey: 'review', subjectType: 'intervention', subjectId: 'intervention-1', startedAt: later, pausedAt: null, until: null },
    ],
    'each review stops the open one and starts the next',
  )
  t.notOk(
    preset.standards.some((s) => s.key === 'maximum-duration'),
    'no 12-week maximum duration (001: open until the support is completed)',
  )
})

t.test('a clock follows the standard it started under when the team has changed preset', async (t) => {
  const clock = { ...openClock('a', 'allocation', 'service_request', T0), presetId: 'trt' }
  const rulesOf = () => findStandard(presets().trt, 'allocation')
  const underLevel3 = planClockChanges(presets()['level-3'], eventOf('service-request.declined', T1), [clock], rulesOf)
  t.same(underLevel3, [{ kind: 'stop', clockId: 'a', at: T1 }], 'trt stops it on a decline, where level-3 would close it')
  const received = planClockChanges(presets()['level-3'], eventOf('service-request.received', T1), [])
  t.same(received, [], 'new clocks follow the current preset: level-3 starts no allocation clock on receipt')
})

t.test('ending an intervention: recurring clocks and interim audits closed, reviews and duration stopped, the final audit brought forward', async (t) => {
  const keys = [
    'initial-review',
    'maximum-duration',
    'consent-period',
    'first-audit',
    'three-month-audit',
    'final-audit',
    'joint-supervision',
    'weekly-contact',
  ]
  const clocks = keys.map((key) => openClock(key, key, 'intervention', T0))
  const changes = planClockChanges(trt, eventOf('intervention.ended', T1), clocks)
  t.same(
    Object.fromEntries(changes.map((c) => [c.kind === 'start' ? c.standardKey : c.clockId, c.kind])),
    {
      'initial-review': 'stop',
      'maximum-duration': 'stop',
      'consent-period': 'stop',
      'first-audit': 'close',
      'three-month-audit': 'close',
      'final-audit': 'bring-forward',
      'joint-supervision': 'close',
      'weekly-contact': 'close',
      'baseline-follow-up': 'start',
    },
    'the final audit stays open until it is recorded, due by the day of the ending; the 6-month baseline follow-up starts',
  )
})

t.test('joint supervision recurs: held at 3 months starts the clock for 6 months', async (t) => {
  const held = new Date('2026-06-01T10:00:00Z')
  const changes = planClockChanges(trt, eventOf('intervention.joint-supervision-held', held), [openClock('js-1', 'joint-supervision', 'intervention', T0)])
  t.same(changes, [
    { kind: 'stop', clockId: 'js-1', at: held },
    { kind: 'start', standardKey: 'joint-supervision', subjectType: 'intervention', subjectId: 'intervention-1', startedAt: held, pausedAt: null, until: null },
  ])
})

t.test('TAF reviews recur every 8 weeks after the first meeting (level-3)', async (t) => {
  const preset = presets()['level-3']
  t.same(starts(planClockChanges(preset, eventOf('intervention.first-meeting-held', T0), [])), ['taf-review@intervention'])
  const review = planClockChanges(preset, eventOf('intervention.taf-review-held', T1), [openClock('taf-1', 'taf-review', 'intervention', T0)])
  t.same(
    review.map((c) => c.kind),
    ['stop', 'start'],
  )
})

t.test('suspension pauses only the pausable open clocks of that intervention; resumption resumes them', async (t) => {
  const clocks = [
    openClock('review', 'initial-review', 'intervention', T0),
    openClock('duration', 'maximum-duration', 'intervention', T0),
    openClock('weekly', 'weekly-contact', 'intervention', T0),
    openClock('consent', 'consent-period', 'intervention', T0),
    openClock('audit', 'first-audit', 'intervention', T0),
    openClock('other', 'initial-review', 'intervention', T0, { subjectId: 'intervention-2' }),
    openClock('contact', 'contact-recorded', 'contact', T0),
  ]
  const paused = planClockChanges(trt, eventOf('intervention.suspended', T1), clocks)
  t.same(
    paused,
    ['review', 'duration', 'weekly'].map((clockId) => ({ kind: 'pause', clockId, at: T1 })),
  )

  const later = new Date('2026-03-10T09:00:00Z')
  const asPaused = clocks.map((c) => (['review', 'duration', 'weekly'].includes(c.id) ? { ...c, pausedAt: T1 } : c))
  t.same(planClockChanges(trt, eventOf('intervention.suspended', later), asPaused), [], 'suspending twice changes nothing')
  t.same(
    planClockChanges(trt, eventOf('intervention.resumed', later), asPaused),
    ['review', 'duration', 'weekly'].map((clockId) => ({ kind: 'resume', clockId, at: later })),
  )
})

t.test('pausing is the same in every preset: level-3 TAF review and duration pause, the five-month check does not', async (t) => {
  const preset = presets()['level-3']
  const clocks = ['taf-review', 'five-month-check', 'maximum-duration'].map((key) => openClock(key, key, 'intervention', T0))
  t.same(
    planClockChanges(preset, eventOf('intervention.suspended', T1), clocks).map((c) => c.kind !== 'start' && c.clockId),
    ['taf-review', 'maximum-duration'],
  )
})

t.test('stopping a paused clock resumes it first so its paused days are totalled', async (t) => {
  const at = new Date('2026-03-20T10:00:00Z')
  const changes = planClockChanges(trt, eventOf('intervention.ended', at), [openClock('duration', 'maximum-duration', 'intervention', T0, { pausedAt: T1 })])
  t.same(
    changes.filter((c) => c.kind !== 'start'),
    [
      { kind: 'resume', clockId: 'duration', at },
      { kind: 'stop', clockId: 'duration', at },
    ],
  )
})

t.test('a contact during a suspension starts the next weekly-contact clock paused', async (t) => {
  const at = new Date('2026-03-06T10:00:00Z')
  const changes = planClockChanges(trt, eventOf('contact.occurred', at), [openClock('week-1', 'weekly-contact', 'intervention', T0, { pausedAt: T1 })])
  t.match(changes, [
    { kind: 'resume', clockId: 'week-1', at },
    { kind: 'stop', clockId: 'week-1', at },
    { kind: 'start', standardKey: 'weekly-contact', startedAt: at, pausedAt: at },
    { kind: 'start', standardKey: 'contact-recorded', pausedAt: null },
  ])
})

t.test('events no standard uses change nothing', async (t) => {
  for (const type of ['escalation.stepped-up', 'intervention.final-meeting-held', 'service-request.updated'] as EventType[])
    t.same(planClockChanges(trt, eventOf(type, T0), [openClock('x', 'allocation', 'service_request', T0)]), [], type)
})

t.test('a clock of a standard the preset no longer has is left alone', async (t) => {
  const preset: StandardsPreset = { ...trt, standards: trt.standards.filter((s) => s.key !== 'weekly-contact') }
  const changes = planClockChanges(preset, eventOf('contact.occurred', T1), [openClock('week-1', 'weekly-contact', 'intervention', T0)])
  t.same(starts(changes), ['contact-recorded@contact'])
})

t.test('applyResume adds the working days between the local pause and resume dates', async (t) => {
  const calendar = englandAndWales()
  const cases: [pausedAt: string, resumedAt: string, before: number, after: number, why: string][] = [
    ['2026-04-02T10:00:00Z', '2026-04-07T10:00:00Z', 0, 1, 'Good Friday, the weekend and Easter Monday do not count: only Tue 7 April'],
    ['2026-03-02T10:00:00Z', '2026-03-09T10:00:00Z', 2, 7, 'a full week adds 5 to the earlier 2'],
    ['2026-03-02T10:00:00Z', '2026-03-02T16:00:00Z', 0, 0, 'paused and resumed the same day'],
    ['2026-07-14T23:30:00Z', '2026-07-15T22:00:00Z', 0, 0, '23:30 UTC on 14 July is already 15 July in London'],
    ['2026-12-24T12:00:00Z', '2026-12-29T09:00:00Z', 0, 1, 'over Christmas and the substitute Boxing Day: only Tue 29'],
  ]
  for (const [pausedAt, resumedAt, before, after, why] of cases)
    t.equal(applyResume({ pausedAt: new Date(pausedAt), pausedWorkingDays: before }, new Date(resumedAt), calendar), after, why)
  t.equal(applyResume({ pausedAt: null, pausedWorkingDays: 3 }, T1, calendar), 3, 'a running clock keeps its total')
  t.type(
    thrown(() => applyResume({ pausedAt: T1, pausedWorkingDays: 0 }, T0, calendar)),
    RangeError,
    'resuming before the pause is refused',
  )
})
