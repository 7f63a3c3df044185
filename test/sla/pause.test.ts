import t from 'tap'
import { viewClock } from '../../src/sla/clock-view.js'
import { presets } from '../../src/sla/presets.js'
import { ClockStore, englandAndWales, eventOf } from './helpers.js'

const E = englandAndWales()
const at = (iso: string) => new Date(iso)
const dueDates = (store: ClockStore, keys: string[]) => Object.fromEntries(keys.map((k) => [k, store.find(k).at(-1)!.dueDate]))
const KEYS = ['initial-review', 'maximum-duration', 'consent-period', 'weekly-contact']

/**
 * Intervention started Mon 2 March 2026; suspended Thu 2 April (a Section 47 enquiry), resumed Wed 8 April.
 * Paused working days: after Thu 2 up to Wed 8 = Fri 3 (Good Friday), weekend, Mon 6 (Easter Monday),
 * Tue 7, Wed 8 → 2 working days; the bank holidays were not working days anyway.
 */
t.test('a suspension across Easter moves the due dates of pausable clocks by the working days paused', async (t) => {
  const store = new ClockStore(presets().trt, E)
  store.record(eventOf('intervention.started', at('2026-03-02T10:00:00Z')))
  store.record(eventOf('contact.occurred', at('2026-03-30T10:00:00Z')))
  t.same(
    dueDates(store, KEYS),
    {
      'initial-review': '2026-05-25',
      'maximum-duration': '2026-09-02',
      'consent-period': '2026-06-02',
      'weekly-contact': '2026-04-06',
    },
    'before the suspension',
  )

  const suspended = store.record(eventOf('intervention.suspended', at('2026-04-02T10:00:00+01:00')))
  t.same(
    suspended.map((c) => c.kind),
    ['pause', 'pause', 'pause'],
    'initial-review, maximum-duration and weekly-contact pause',
  )

  const during = at('2026-04-07T12:00:00Z')
  const view = (key: string, asOf: Date) => {
    const row = store.find(key).at(-1)!
    return viewClock(
      row,
      presets().trt.standards.find((s) => s.key === key),
      E,
      asOf,
    )!
  }
  t.equal(view('initial-review', during).status, 'paused')
  t.equal(view('weekly-contact', during).status, 'paused', 'not overdue although its due date has passed')
  t.equal(view('consent-period', during).status, 'on_track', 'consent keeps running')

  store.record(eventOf('intervention.resumed', at('2026-04-08T09:00:00+01:00')))
  t.same(store.find('initial-review')[0].pausedWorkingDays, 2)
  t.same(
    dueDates(store, KEYS),
    {
      'initial-review': '2026-05-27',
      'maximum-duration': '2026-09-04',
      'consent-period': '2026-06-02',
      'weekly-contact': '2026-04-08',
    },
    'pausable clocks moved 2 working days; 25 May (Spring bank holiday) is skipped on the way',
  )
  t.same(store.find('initial-review')[0].dueAt.toISOString(), '2026-05-27T22:59:59.999Z')

  const afterwards = view('initial-review', at('2026-05-26T12:00:00Z'))
  t.same([afterwards.status, afterwards.workingDaysRemaining], ['due_soon', 1])
})

t.test('a contact during the suspension starts the next weekly clock paused; it counts only from the resumption', async (t) => {
  const store = new ClockStore(presets().trt, E)
  store.record(eventOf('intervention.started', at('2026-03-02T10:00:00Z')))
  store.record(eventOf('intervention.suspended', at('2026-04-02T10:00:00Z')))
  store.record(eventOf('contact.occurred', at('2026-04-03T11:00:00Z')))
  const [first, second] = store.find('weekly-contact')
  t.ok(first.completedAt && first.pausedAt === null, 'the paused clock was resumed, then stopped')
  t.same(second.pausedAt, at('2026-04-03T11:00:00Z'), 'the next one starts paused')
  store.record(eventOf('intervention.resumed', at('2026-04-09T09:00:00Z')))
  t.equal(second.pausedWorkingDays, 3, 'after Fri 3 April up to Thu 9: Tue 7, Wed 8, Thu 9')
  t.equal(second.dueDate, '2026-04-15', '10 April + 3 working days')
})

t.test('ending a suspended intervention totals the pause before stopping', async (t) => {
  const store = new ClockStore(presets().trt, E)
  store.record(eventOf('intervention.started', at('2026-03-02T10:00:00Z')))
  store.record(eventOf('intervention.suspended', at('2026-04-02T10:00:00Z')))
  store.record(eventOf('intervention.ended', at('2026-04-10T10:00:00Z')))
  const [duration] = store.find('maximum-duration')
  t.same([duration.pausedWorkingDays, duration.pausedAt, duration.completedAt], [4, null, at('2026-04-10T10:00:00Z')])
  t.same(
    store.open().map((c) => c.standardKey),
    ['final-audit', 'baseline-follow-up'],
    'only the final audit is left to do, and the baseline check 6 months after the ending',
  )
})
