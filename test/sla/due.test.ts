import t from 'tap'
import { buildCalendar, builtInDefinition } from '../../src/calendar/index.js'
import { computeDue } from '../../src/sla/due.js'
import { presets } from '../../src/sla/presets.js'
import type { StandardTarget } from '../../src/sla/standard.schema.js'
import { ClockStore, englandAndWales, eventOf, scotland } from './helpers.js'

const wd = (amount: number): StandardTarget => ({ amount, unit: 'working_days' })
const E = englandAndWales()
const S = scotland()

type Case = [why: string, target: StandardTarget, startedAt: string, calendar: typeof E, dueDate: string, dueAt: string, paused?: number]

const CASES: Case[] = [
  [
    'the worked example: received Wed 23 Dec 2026, 3 working days: Thu 24, Tue 29, Wed 30',
    wd(3),
    '2026-12-23T10:00:00Z',
    E,
    '2026-12-30',
    '2026-12-30T23:59:59.999Z',
  ],
  ['received on a Saturday: Monday is working day 1', wd(1), '2026-03-07T10:00:00Z', E, '2026-03-09', '2026-03-09T23:59:59.999Z'],
  ['received on a Saturday, 3 working days: Mon, Tue, Wed', wd(3), '2026-03-07T10:00:00Z', E, '2026-03-11', '2026-03-11T23:59:59.999Z'],
  ['received on a Sunday evening', wd(1), '2026-03-08T22:00:00Z', E, '2026-03-09', '2026-03-09T23:59:59.999Z'],
  [
    '23:30 UTC on 14 July 2026 is Wed 15 July in London, so day 1 is Thu 16; due at 23:59:59.999 BST',
    wd(1),
    '2026-07-14T23:30:00Z',
    E,
    '2026-07-16',
    '2026-07-16T22:59:59.999Z',
  ],
  [
    'the same instant, same day: due end of 15 July London time',
    { amount: 0, unit: 'same_day' },
    '2026-07-14T23:30:00Z',
    E,
    '2026-07-15',
    '2026-07-15T22:59:59.999Z',
  ],
  ['New Year, England and Wales: Fri 1 Jan 2027 holiday, weekend, Mon 4 Jan', wd(1), '2026-12-31T10:00:00Z', E, '2027-01-04', '2027-01-04T23:59:59.999Z'],
  [
    'New Year, Scotland: 2 January falls on Saturday and is substituted to Mon 4 Jan, so Tue 5 Jan',
    wd(1),
    '2026-12-31T10:00:00Z',
    S,
    '2027-01-05',
    '2027-01-05T23:59:59.999Z',
  ],
  ["St Andrew's Day 2026 (Mon 30 Nov): England and Wales counts it", wd(1), '2026-11-27T10:00:00Z', E, '2026-11-30', '2026-11-30T23:59:59.999Z'],
  ["St Andrew's Day 2026 (Mon 30 Nov): Scotland skips it", wd(1), '2026-11-27T10:00:00Z', S, '2026-12-01', '2026-12-01T23:59:59.999Z'],
  ["St Andrew's Day 2025 falls on Sunday: Scotland substitutes Mon 1 Dec", wd(1), '2025-11-28T10:00:00Z', S, '2025-12-02', '2025-12-02T23:59:59.999Z'],
  [
    '12 weeks lands on a bank holiday and stays there (calendar arithmetic)',
    { amount: 12, unit: 'weeks' },
    '2026-03-02T10:00:00Z',
    E,
    '2026-05-25',
    '2026-05-25T22:59:59.999Z',
  ],
  ['1 month from 31 January is the last day of February', { amount: 1, unit: 'months' }, '2026-01-31T10:00:00Z', E, '2026-02-28', '2026-02-28T23:59:59.999Z'],
  ['3 months from 31 January: 30 April', { amount: 3, unit: 'months' }, '2026-01-31T10:00:00Z', E, '2026-04-30', '2026-04-30T22:59:59.999Z'],
  ['6 months from 31 January: 31 July', { amount: 6, unit: 'months' }, '2026-01-31T10:00:00Z', E, '2026-07-31', '2026-07-31T22:59:59.999Z'],
  ['3 months from 31 August: 30 November', { amount: 3, unit: 'months' }, '2026-08-31T10:00:00Z', E, '2026-11-30', '2026-11-30T23:59:59.999Z'],
  ['6 months from 31 August: 28 February', { amount: 6, unit: 'months' }, '2026-08-31T10:00:00Z', E, '2027-02-28', '2027-02-28T23:59:59.999Z'],
  [
    '6 months from 31 August 2027: 29 February in a leap year',
    { amount: 6, unit: 'months' },
    '2027-08-31T10:00:00Z',
    E,
    '2028-02-29',
    '2028-02-29T23:59:59.999Z',
  ],
  [
    '23:30 UTC on 30 August is 31 August in London: 3 months is 30 November',
    { amount: 3, unit: 'months' },
    '2026-08-30T23:30:00Z',
    E,
    '2026-11-30',
    '2026-11-30T23:59:59.999Z',
  ],
  [
    '48 hours is the instant plus 48 hours, weekends included',
    { amount: 48, unit: 'hours' },
    '2026-03-06T15:30:00Z',
    E,
    '2026-03-08',
    '2026-03-08T15:30:00.000Z',
  ],
  [
    '48 hours across the clocks going forward: still 48 elapsed hours',
    { amount: 48, unit: 'hours' },
    '2026-03-28T12:00:00Z',
    E,
    '2026-03-30',
    '2026-03-30T12:00:00.000Z',
  ],
  [
    '48 hours from late evening lands on the local date of the due instant',
    { amount: 48, unit: 'hours' },
    '2026-07-10T23:15:00Z',
    E,
    '2026-07-13',
    '2026-07-12T23:15:00.000Z',
  ],
  ['same day', { amount: 0, unit: 'same_day' }, '2026-03-02T10:00:00Z', E, '2026-03-02', '2026-03-02T23:59:59.999Z'],
  ['7 calendar days', { amount: 7, unit: 'calendar_days' }, '2026-03-06T14:00:00Z', E, '2026-03-13', '2026-03-13T23:59:59.999Z'],
  ['6 calendar days ignore the bank holidays', { amount: 6, unit: 'calendar_days' }, '2026-12-23T10:00:00Z', E, '2026-12-29', '2026-12-29T23:59:59.999Z'],
  ['paused 2 working days: the due date moves 2 working days, over New Year', wd(3), '2026-12-23T10:00:00Z', E, '2027-01-04', '2027-01-04T23:59:59.999Z', 2],
  [
    'paused 1 working day moves a 12-week due date off its bank holiday',
    { amount: 12, unit: 'weeks' },
    '2026-03-02T10:00:00Z',
    E,
    '2026-05-26',
    '2026-05-26T22:59:59.999Z',
    1,
  ],
  ['paused 0: unchanged', wd(3), '2026-12-23T10:00:00Z', E, '2026-12-30', '2026-12-30T23:59:59.999Z', 0],
]

t.test('due dates', async (t) => {
  for (const [why, target, startedAt, calendar, dueDate, dueAt, paused] of CASES) {
    const due = computeDue(target, new Date(startedAt), calendar, paused)
    t.same({ dueDate: due.dueDate, dueAt: due.dueAt.toISOString() }, { dueDate, dueAt }, `${why} (${calendar.id})`)
  }
})

t.test('a closure day of a custom calendar is skipped', async (t) => {
  const base = builtInDefinition('england-and-wales')
  const council = buildCalendar({ ...base, id: 'council', holidays: [...base.holidays, { date: '2026-12-29', title: 'Council closure', kind: 'closure' }] })
  const due = computeDue(wd(3), new Date('2026-12-23T10:00:00Z'), council)
  t.equal(due.dueDate, '2026-12-31')
})

t.test('weekly contact: each contact stops the clock and the next 7 days start from it', async (t) => {
  const store = new ClockStore(presets().trt, E)
  store.record(eventOf('intervention.started', new Date('2026-03-02T10:00:00Z')))
  store.record(eventOf('contact.occurred', new Date('2026-03-06T14:00:00Z'), { contact: 'contact-1' }))
  store.record(eventOf('contact.occurred', new Date('2026-03-13T23:30:00Z'), { contact: 'contact-2' }))
  store.record(eventOf('contact.occurred', new Date('2026-03-23T09:00:00Z'), { contact: 'contact-3' }))
  t.same(
    store
      .find('weekly-contact')
      .map((r) => [r.startedAt.toISOString(), r.dueDate, r.completedAt?.toISOString() ?? null, r.completedAt === null ? null : r.completedAt <= r.dueAt]),
    [
      ['2026-03-02T10:00:00.000Z', '2026-03-09', '2026-03-06T14:00:00.000Z', true],
      ['2026-03-06T14:00:00.000Z', '2026-03-13', '2026-03-13T23:30:00.000Z', true],
      ['2026-03-13T23:30:00.000Z', '2026-03-20', '2026-03-23T09:00:00.000Z', false],
      ['2026-03-23T09:00:00.000Z', '2026-03-30', null, null],
    ],
    'the third week was missed; the fourth runs from the late contact',
  )
  t.same(
    store.find('contact-recorded').map((r) => [r.subjectId, r.dueDate]),
    [
      ['contact-1', '2026-03-10'],
      ['contact-2', '2026-03-17'],
      ['contact-3', '2026-03-25'],
    ],
    'each contact has its own 2-working-day recording clock',
  )
})

t.test('an unknown unit is refused', async (t) => {
  t.throws(() => computeDue({ amount: 1, unit: 'fortnights' as 'weeks' }, new Date('2026-03-02T10:00:00Z'), E), TypeError)
})
