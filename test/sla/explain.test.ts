import t from 'tap'
import { buildCalendar, builtInDefinition } from '../../src/calendar/index.js'
import { explainClock } from '../../src/sla/explain.js'
import { clockRow, englandAndWales, scotland, thrown } from './helpers.js'

const E = englandAndWales()
const at = (iso: string) => new Date(iso)
const wd3 = { amount: 3, unit: 'working_days' } as const

t.test('the worked example, day by day', async (t) => {
  const row = clockRow(wd3, '2026-12-23T10:00:00Z', E)
  t.same(explainClock(row, E, at('2026-12-29T12:00:00Z'), []), {
    startDate: '2026-12-23',
    dueDate: '2026-12-30',
    target: wd3,
    days: [
      { date: '2026-12-24', counted: true, workingDay: 1 },
      { date: '2026-12-25', counted: false, reason: 'bank_holiday', title: 'Christmas Day' },
      { date: '2026-12-26', counted: false, reason: 'weekend' },
      { date: '2026-12-27', counted: false, reason: 'weekend' },
      { date: '2026-12-28', counted: false, reason: 'bank_holiday', title: 'Boxing Day' },
      { date: '2026-12-29', counted: true, workingDay: 2 },
      { date: '2026-12-30', counted: true, workingDay: 3 },
    ],
  })
})

t.test('a closure day of a custom calendar is listed with its title', async (t) => {
  const base = builtInDefinition('england-and-wales')
  const council = buildCalendar({
    ...base,
    id: 'council-closures',
    holidays: [...base.holidays, { date: '2026-12-29', title: 'Council closure', kind: 'closure' }],
  })
  const row = clockRow(wd3, '2026-12-23T10:00:00Z', council)
  const explained = explainClock(row, council, at('2026-12-24T12:00:00Z'), [])
  t.equal(explained.dueDate, '2026-12-31')
  t.same(explained.days.slice(4), [
    { date: '2026-12-28', counted: false, reason: 'bank_holiday', title: 'Boxing Day' },
    { date: '2026-12-29', counted: false, reason: 'closure', title: 'Council closure' },
    { date: '2026-12-30', counted: true, workingDay: 2 },
    { date: '2026-12-31', counted: true, workingDay: 3 },
  ])
})

t.test("Scotland's New Year: 2 January substituted to Monday 4 January", async (t) => {
  const S = scotland()
  const row = clockRow(wd3, '2026-12-30T10:00:00Z', S)
  const explained = explainClock(row, S, at('2026-12-30T12:00:00Z'), [])
  t.equal(explained.dueDate, '2027-01-06')
  t.same(
    explained.days.filter((d) => d.reason === 'bank_holiday').map((d) => [d.date, d.title]),
    [
      ['2027-01-01', 'New Year’s Day'],
      ['2027-01-04', '2nd January'],
    ],
  )
})

t.test('a late clock is explained up to the day it stopped; an overdue one up to asOf', async (t) => {
  const late = clockRow(wd3, '2026-12-23T10:00:00Z', E, { completedAt: at('2027-01-05T10:00:00Z') })
  const explained = explainClock(late, E, at('2027-02-01T12:00:00Z'), [])
  t.equal(explained.days.at(-1)?.date, '2027-01-05')
  t.same(explained.days.filter((d) => d.title === 'New Year’s Day').length, 1)
  t.equal(explained.days.filter((d) => d.counted).length, 6, '3 to the due date and 3 late: 31 Dec, 4 and 5 Jan')

  const open = clockRow(wd3, '2026-12-23T10:00:00Z', E)
  t.equal(explainClock(open, E, at('2027-01-02T12:00:00Z'), []).days.at(-1)?.date, '2027-01-02')
  t.equal(explainClock(open, E, at('2026-12-24T12:00:00Z'), []).days.at(-1)?.date, '2026-12-30', 'never shorter than the due date')
  t.equal(
    explainClock({ ...late, completedAt: at('2027-01-05T10:00:00Z') }, E, at('2026-12-29T12:00:00Z'), []).days.at(-1)?.date,
    '2026-12-30',
    'a stop after asOf has not happened yet',
  )
})

t.test('a pause is listed on the working days it covered, after the bank holidays it spanned', async (t) => {
  const row = clockRow({ amount: 12, unit: 'weeks' }, '2026-03-02T10:00:00Z', E, { standardKey: 'initial-review', pausedWorkingDays: 2 })
  const pauses = [{ from: at('2026-04-02T10:00:00Z'), to: at('2026-04-08T09:00:00Z'), title: 'Section 47 enquiry' }]
  const explained = explainClock(row, E, at('2026-04-20T12:00:00Z'), pauses)
  t.equal(explained.dueDate, '2026-05-27')
  t.same(
    explained.days.filter((d) => d.date >= '2026-04-02' && d.date <= '2026-04-09').map(({ workingDay, ...d }) => d),
    [
      { date: '2026-04-02', counted: true },
      { date: '2026-04-03', counted: false, reason: 'bank_holiday', title: 'Good Friday' },
      { date: '2026-04-04', counted: false, reason: 'weekend' },
      { date: '2026-04-05', counted: false, reason: 'weekend' },
      { date: '2026-04-06', counted: false, reason: 'bank_holiday', title: 'Easter Monday' },
      { date: '2026-04-07', counted: false, reason: 'paused', title: 'Section 47 enquiry' },
      { date: '2026-04-08', counted: false, reason: 'paused', title: 'Section 47 enquiry' },
      { date: '2026-04-09', counted: true },
    ],
  )
  t.same(
    explained.days.filter((d) => d.reason === 'bank_holiday').map((d) => d.title),
    ['Good Friday', 'Easter Monday', 'Early May bank holiday', 'Spring bank holiday'],
  )
  t.equal(explained.days.at(-1)?.date, '2026-05-27')
  t.equal(explained.days.filter((d) => d.reason === 'paused').length, row.pausedWorkingDays, 'the paused days listed are the ones that moved the due date')
})

t.test('an ongoing pause covers the days up to asOf; a later pause is not yet known', async (t) => {
  const row = clockRow(wd3, '2026-03-02T10:00:00Z', E, { pausedAt: at('2026-03-03T10:00:00Z') })
  const pauses = [{ from: at('2026-03-03T10:00:00Z'), to: null }]
  const explained = explainClock(row, E, at('2026-03-05T12:00:00Z'), pauses)
  t.same(
    explained.days.map((d) => d.reason ?? d.workingDay),
    [1, 'paused', 'paused'],
  )
  const before = explainClock(row, E, at('2026-03-02T12:00:00Z'), pauses)
  t.same(
    before.days.map((d) => d.reason ?? d.workingDay),
    [1, 2, 3],
  )
})

t.test('a clock explained with another calendar is refused', async (t) => {
  t.ok(thrown(() => explainClock(clockRow(wd3, '2026-03-02T10:00:00Z', E), scotland(), at('2026-03-05T12:00:00Z'), [])))
})
