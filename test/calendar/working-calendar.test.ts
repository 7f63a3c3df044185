import t from 'tap'
import {
  buildCalendar,
  builtInCalendar,
  CalendarRangeError,
  DIVISIONS,
  type Holiday,
  holidaysForDivision,
  InvalidDateError,
  naiveCalendar,
} from '../../src/calendar/index.js'
import { thrown } from './helpers.js'

const ew = builtInCalendar('england-and-wales')
const sc = builtInCalendar('scotland')
const ni = builtInCalendar('northern-ireland')

t.test('worked example: received Wed 23 Dec 2026, within 3 working days (England and Wales)', async (t) => {
  t.equal(ew.addWorkingDays('2026-12-23', 3), '2026-12-30')
  t.same(ew.explain('2026-12-23', '2026-12-30'), [
    { date: '2026-12-24', counted: true },
    { date: '2026-12-25', counted: false, reason: 'bank_holiday', title: 'Christmas Day' },
    { date: '2026-12-26', counted: false, reason: 'weekend' },
    { date: '2026-12-27', counted: false, reason: 'weekend' },
    { date: '2026-12-28', counted: false, reason: 'bank_holiday', title: 'Boxing Day' },
    { date: '2026-12-29', counted: true },
    { date: '2026-12-30', counted: true },
  ])
  t.equal(ew.workingDaysBetween('2026-12-23', '2026-12-30'), 3)
  t.equal(ew.workingDaysBetween('2026-12-23', '2026-12-29'), 2, 'elapsed on 29 Dec (api.md SLA example)')
  t.equal(ew.workingDaysBetween('2026-12-29', '2026-12-30'), 1, 'remaining on 29 Dec')
})

t.test('workingDaysBetween(2026-12-24, 2027-01-04) = 4 and is antisymmetric', async (t) => {
  t.equal(ew.workingDaysBetween('2026-12-24', '2027-01-04'), 4)
  t.equal(ew.workingDaysBetween('2027-01-04', '2026-12-24'), -4)
  t.equal(ew.workingDaysBetween('2026-12-24', '2026-12-24'), 0)
})

t.test('the start day never counts', async (t) => {
  const cases: [string, string, number, string][] = [
    ['received Saturday: Monday is working day 1', '2026-06-20', 1, '2026-06-22'],
    ['received Sunday', '2026-06-21', 1, '2026-06-22'],
    ['received on Christmas Day (holiday)', '2026-12-25', 1, '2026-12-29'],
    ['received on the Boxing Day substitute', '2026-12-28', 1, '2026-12-29'],
    ['received on Good Friday', '2026-04-03', 1, '2026-04-07'],
    ['received on a working Friday', '2026-06-19', 1, '2026-06-22'],
    ['received on a working Wednesday', '2026-06-17', 1, '2026-06-18'],
  ]
  for (const [name, start, n, due] of cases) t.equal(ew.addWorkingDays(start, n), due, name)
  t.equal(ew.addWorkingDays('2026-12-25', 0), '2026-12-25', 'N = 0 returns the start, even on a holiday')
  t.equal(ew.workingDaysBetween('2026-12-25', '2026-12-29'), 1)
  t.equal(ew.workingDaysBetween('2026-12-24', '2026-12-28'), 0, 'only non-working days after the start')
})

t.test('Scotland, Northern Ireland and England and Wales on the same dates', async (t) => {
  const rows: [string, boolean, boolean, boolean, string][] = [
    ['2027-01-04', true, false, true, '2 January substitute (Scotland only)'],
    ['2026-01-02', true, false, true, '2 January'],
    ['2026-04-06', false, true, false, 'Easter Monday (not Scotland)'],
    ['2026-06-15', true, false, true, 'World Cup bank holiday (Scotland only)'],
    ['2026-08-03', true, false, true, 'first Monday in August (Scotland)'],
    ['2026-08-31', false, true, false, 'last Monday in August (not Scotland)'],
    ['2026-11-30', true, false, true, 'St Andrew’s Day (Scotland)'],
    ['2025-12-01', true, false, true, 'St Andrew’s Day substitute 2025'],
    ['2026-03-17', true, true, false, 'St Patrick’s Day (Northern Ireland)'],
    ['2026-07-13', true, true, false, 'Battle of the Boyne substitute 2026'],
    ['2026-12-28', false, false, false, 'Boxing Day substitute everywhere'],
  ]
  for (const [date, ewWorking, scWorking, niWorking, name] of rows) {
    t.same([ew.isWorkingDay(date), sc.isWorkingDay(date), ni.isWorkingDay(date)], [ewWorking, scWorking, niWorking], `${date} ${name}`)
  }
  t.equal(ew.addWorkingDays('2026-12-31', 1), '2027-01-04', 'E&W: first working day of 2027')
  t.equal(sc.addWorkingDays('2026-12-31', 1), '2027-01-05', 'Scotland: 4 January is the 2 January substitute')
  t.equal(ew.addWorkingDays('2026-06-13', 1), '2026-06-15', 'E&W: received Saturday 13 June')
  t.equal(sc.addWorkingDays('2026-06-13', 1), '2026-06-16', 'Scotland: Monday 15 June is the World Cup holiday')
  t.equal(ew.addWorkingDays('2026-04-02', 2), '2026-04-08', 'E&W: Good Friday and Easter Monday skipped')
  t.equal(sc.addWorkingDays('2026-04-02', 2), '2026-04-07', 'Scotland: Easter Monday counts')
  const year2026 = (c: typeof ew) => c.workingDaysBetween('2025-12-31', '2026-12-31')
  t.same([year2026(ew), year2026(sc), year2026(ni)], [253, 251, 251], 'working days in 2026: 261 weekdays less holidays')
})

t.test('closures: a council calendar closed 29–31 December 2026', async (t) => {
  const closures: Holiday[] = ['2026-12-29', '2026-12-30', '2026-12-31'].map((date) => ({ date, title: 'Council closure', kind: 'closure' }))
  const base = holidaysForDivision('england-and-wales', 1990, 2102)
  const council = buildCalendar({ id: 'council-closures', timeZone: 'Europe/London', holidays: [...base, ...closures] })
  t.equal(council.id, 'council-closures')
  t.equal(council.timeZone, 'Europe/London')
  t.equal(council.addWorkingDays('2026-12-23', 3), '2027-01-05')
  t.equal(council.workingDaysBetween('2026-12-24', '2027-01-04'), 1)
  t.notOk(council.isWorkingDay('2026-12-29'))
  t.same(council.explain('2026-12-28', '2027-01-05'), [
    { date: '2026-12-29', counted: false, reason: 'closure', title: 'Council closure' },
    { date: '2026-12-30', counted: false, reason: 'closure', title: 'Council closure' },
    { date: '2026-12-31', counted: false, reason: 'closure', title: 'Council closure' },
    { date: '2027-01-01', counted: false, reason: 'bank_holiday', title: 'New Year’s Day' },
    { date: '2027-01-02', counted: false, reason: 'weekend' },
    { date: '2027-01-03', counted: false, reason: 'weekend' },
    { date: '2027-01-04', counted: true },
    { date: '2027-01-05', counted: true },
  ])
  t.same(council.holidaysBetween('2026-12-25', '2027-01-01'), [
    { date: '2026-12-25', title: 'Christmas Day', kind: 'bank_holiday' },
    { date: '2026-12-28', title: 'Boxing Day', kind: 'bank_holiday' },
    { date: '2026-12-29', title: 'Council closure', kind: 'closure' },
    { date: '2026-12-30', title: 'Council closure', kind: 'closure' },
    { date: '2026-12-31', title: 'Council closure', kind: 'closure' },
    { date: '2027-01-01', title: 'New Year’s Day', kind: 'bank_holiday' },
  ])
  t.equal(ew.addWorkingDays('2026-12-23', 3), '2026-12-30', 'the built-in calendar is unaffected')
  const reopened = buildCalendar({ id: 'council-closures', timeZone: 'Europe/London', holidays: [...base, ...closures.slice(1)] })
  t.equal(reopened.addWorkingDays('2026-12-23', 3), '2027-01-04', 'reopening the 29th brings the due date forward')
})

t.test('closure precedence and duplicates', async (t) => {
  const cal = buildCalendar({
    id: 'x',
    timeZone: 'Europe/London',
    holidays: [
      { date: '2026-12-25', title: 'Office shut', kind: 'closure' },
      { date: '2026-12-25', title: 'Christmas Day', kind: 'bank_holiday' },
      { date: '2026-12-26', title: 'Saturday closure', kind: 'closure' },
      { date: '2026-12-24', title: 'Christmas Eve', kind: 'closure' },
      { date: '2026-12-24', title: 'Christmas Eve', kind: 'closure' },
    ],
  })
  t.same(cal.explain('2026-12-23', '2026-12-26'), [
    { date: '2026-12-24', counted: false, reason: 'closure', title: 'Christmas Eve' },
    { date: '2026-12-25', counted: false, reason: 'bank_holiday', title: 'Christmas Day' },
    { date: '2026-12-26', counted: false, reason: 'weekend' },
  ])
  t.same(
    cal.holidaysBetween('2026-12-24', '2026-12-26').map((h) => `${h.date} ${h.kind} ${h.title}`),
    ['2026-12-24 closure Christmas Eve', '2026-12-25 bank_holiday Christmas Day', '2026-12-25 closure Office shut', '2026-12-26 closure Saturday closure'],
  )
  t.equal(cal.addWorkingDays('2026-12-23', 1), '2026-12-28', 'a calendar with no bank holidays after the 25th')
})

t.test('holidaysBetween is inclusive, ordered, and returns copies', async (t) => {
  const list = sc.holidaysBetween('2026-01-01', '2026-12-31')
  t.same(list[0], { date: '2026-01-01', title: 'New Year’s Day', kind: 'bank_holiday' })
  t.same(
    list.map((h) => h.date),
    ['2026-01-01', '2026-01-02', '2026-04-03', '2026-05-04', '2026-05-25', '2026-06-15', '2026-08-03', '2026-11-30', '2026-12-25', '2026-12-28'],
  )
  t.same(
    ew.holidaysBetween('2026-12-25', '2026-12-25').map((h) => h.date),
    ['2026-12-25'],
  )
  t.same(ew.holidaysBetween('2026-12-26', '2026-12-27'), [])
  t.same(ew.holidaysBetween('2026-12-31', '2026-01-01'), [], 'empty when to < from')
  list[0].title = 'changed'
  t.equal(sc.holidaysBetween('2026-01-01', '2026-01-01')[0].title, 'New Year’s Day')
  t.same(ew.explain('2026-12-30', '2026-12-30'), [])
  t.same(ew.explain('2026-12-30', '2026-12-20'), [])
})

t.test('edges of the range', async (t) => {
  t.notOk(ew.isWorkingDay('1990-01-01'), '1 January 1990 was a Monday bank holiday')
  t.equal(ew.workingDaysBetween('1990-01-01', '1990-01-02'), 1)
  t.equal(ew.addWorkingDays('1990-01-01', 1), '1990-01-02')
  const naive = naiveCalendar(holidaysForDivision('england-and-wales', 2100, 2102).map((h) => h.date))
  const late = ew.addWorkingDays('2100-12-31', 260)
  t.equal(late, naive.addWorkingDays('2100-12-31', 260), 'due dates may run past 2100')
  t.equal(late, '2102-01-12', '2101 has only 253 working days, so this lands in 2102')
  t.equal(ew.workingDaysBetween('2100-12-31', late), 260)
  t.equal(ew.addWorkingDays('2102-12-22', 1), '2102-12-27', 'Christmas 2102 is Monday 25, Boxing Day Tuesday 26')
  t.equal(ew.addWorkingDays('2102-12-28', 1), '2102-12-29', 'the last working day in the table')
  t.ok(thrown(() => ew.addWorkingDays('2102-12-29', 1)) instanceof CalendarRangeError, 'a result past the table')
  t.equal(ew.workingDaysBetween('2102-12-29', '2102-12-31'), 0)
  t.ok(thrown(() => ew.addWorkingDays('2102-06-01', 260)) instanceof CalendarRangeError, 'a long add near the end')
})

t.test('invalid and out-of-range inputs throw on every operation', async (t) => {
  const bad: [string, new (...args: never[]) => Error][] = [
    ['2026-02-30', InvalidDateError],
    ['2026-2-3', InvalidDateError],
    ['', InvalidDateError],
    ['not a date', InvalidDateError],
    ['1989-12-31', CalendarRangeError],
    ['2103-01-01', CalendarRangeError],
  ]
  const good = '2026-06-01'
  for (const [date, type] of bad) {
    const ops: [string, () => unknown][] = [
      ['isWorkingDay', () => ew.isWorkingDay(date)],
      ['workingDaysBetween(bad, good)', () => ew.workingDaysBetween(date, good)],
      ['workingDaysBetween(good, bad)', () => ew.workingDaysBetween(good, date)],
      ['addWorkingDays', () => ew.addWorkingDays(date, 3)],
      ['explain(bad, good)', () => ew.explain(date, good)],
      ['explain(good, bad)', () => ew.explain(good, date)],
      ['holidaysBetween(bad, good)', () => ew.holidaysBetween(date, good)],
      ['holidaysBetween(good, bad)', () => ew.holidaysBetween(good, date)],
    ]
    for (const [name, op] of ops) t.ok(thrown(op) instanceof type, `${name} with ${JSON.stringify(date)} throws ${type.name}`)
  }
  t.ok(thrown(() => ew.isWorkingDay(20260101 as unknown as string)) instanceof InvalidDateError, 'a number')
  for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
    t.ok(thrown(() => ew.addWorkingDays(good, n)) instanceof RangeError, `addWorkingDays n = ${n}`)
  }
})

t.test('buildCalendar validates its definition', async (t) => {
  const def = (holidays: Holiday[], timeZone = 'Europe/London', id = 'c') => ({ id, timeZone, holidays })
  t.ok(thrown(() => buildCalendar(def([], 'Mars/Olympus'))) instanceof RangeError, 'unknown time zone')
  t.ok(thrown(() => buildCalendar(def([], 'Europe/London', ''))) instanceof TypeError, 'empty id')
  t.ok(thrown(() => buildCalendar(def([{ date: '2026-02-30', title: 'x', kind: 'closure' }]))) instanceof InvalidDateError, 'invalid holiday date')
  t.ok(thrown(() => buildCalendar(def([{ date: '2026-02-03', title: 'x', kind: 'holiday' as 'closure' }]))) instanceof TypeError, 'unknown kind')
  t.ok(thrown(() => buildCalendar(def([{ date: '2026-02-03', title: ' ', kind: 'closure' }]))) instanceof TypeError, 'blank title')
  const plain = buildCalendar(def([{ date: '1980-01-01', title: 'before the range', kind: 'closure' }]))
  t.equal(plain.workingDaysBetween('2026-06-19', '2026-06-22'), 1, 'holidays outside the table are ignored; weekends only')
})

t.test('built-in calendars are cached and identified by division', async (t) => {
  for (const division of DIVISIONS) {
    const cal = builtInCalendar(division)
    t.equal(cal, builtInCalendar(division), `${division} is built once`)
    t.equal(cal.id, division)
    t.equal(cal.timeZone, 'Europe/London')
  }
})
