import fc from 'fast-check'
import t from 'tap'
import { buildCalendar, builtInCalendar, DIVISIONS, type Holiday, holidaysForDivision, naiveCalendar } from '../../src/calendar/index.js'
import { isoFromOffset } from './helpers.js'

const LAST_2099 = Math.round((Date.UTC(2099, 11, 31) - Date.UTC(1990, 0, 1)) / 86_400_000)
const date = fc.integer({ min: 0, max: LAST_2099 }).map(isoFromOffset)
const n = fc.integer({ min: 0, max: 260 })
const division = fc.constantFrom(...DIVISIONS)
const RUNS = { numRuns: 2000 }

const naive = Object.fromEntries(DIVISIONS.map((d) => [d, naiveCalendar(holidaysForDivision(d, 1990, 2102).map((h) => h.date))])) as Record<
  (typeof DIVISIONS)[number],
  ReturnType<typeof naiveCalendar>
>

t.test('adding N then counting gives N', async () => {
  fc.assert(
    fc.property(division, date, n, (d, s, k) => {
      const cal = builtInCalendar(d)
      return cal.workingDaysBetween(s, cal.addWorkingDays(s, k)) === k
    }),
    RUNS,
  )
})

t.test('the due date is a working day, and the first day that reaches N', async () => {
  fc.assert(
    fc.property(division, date, fc.integer({ min: 1, max: 260 }), (d, s, k) => {
      const cal = builtInCalendar(d)
      const due = cal.addWorkingDays(s, k)
      const dayBefore = new Date(Date.parse(`${due}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
      return cal.isWorkingDay(due) && due > s && cal.workingDaysBetween(s, dayBefore) === k - 1
    }),
    RUNS,
  )
})

t.test('count(a, b) + count(b, c) = count(a, c), and count(a, b) = -count(b, a)', async () => {
  fc.assert(
    fc.property(division, date, date, date, (d, a, b, c) => {
      const cal = builtInCalendar(d)
      const ab = cal.workingDaysBetween(a, b)
      return ab + cal.workingDaysBetween(b, c) === cal.workingDaysBetween(a, c) && ab === -cal.workingDaysBetween(b, a)
    }),
    RUNS,
  )
})

t.test('the tables agree with the naive day-by-day walk', async () => {
  fc.assert(
    fc.property(division, date, n, (d, s, k) => builtInCalendar(d).addWorkingDays(s, k) === naive[d].addWorkingDays(s, k)),
    RUNS,
  )
  const day = fc.integer({ min: 0, max: LAST_2099 })
  fc.assert(
    fc.property(division, day, fc.integer({ min: -800, max: 800 }), (d, first, offset) => {
      const a = isoFromOffset(first)
      const b = isoFromOffset(Math.min(LAST_2099, Math.max(0, first + offset)))
      return builtInCalendar(d).workingDaysBetween(a, b) === naive[d].workingDaysBetween(a, b)
    }),
    RUNS,
  )
  fc.assert(
    fc.property(division, date, date, (d, a, b) => builtInCalendar(d).workingDaysBetween(a, b) === naive[d].workingDaysBetween(a, b)),
    { numRuns: 300 },
  )
  fc.assert(
    fc.property(division, date, (d, s) => builtInCalendar(d).isWorkingDay(s) === naive[d].isWorkingDay(s)),
    RUNS,
  )
})

t.test('with random closures, the tables still agree with the naive walk', async () => {
  const closureSet = fc.uniqueArray(fc.integer({ min: 0, max: 730 }), { maxLength: 40 })
  fc.assert(
    fc.property(division, fc.integer({ min: 0, max: LAST_2099 - 1200 }), closureSet, n, (d, base, offsets, k) => {
      const closures: Holiday[] = offsets.map((o) => ({ date: isoFromOffset(base + o), title: 'Closure', kind: 'closure' }))
      const holidays = [...holidaysForDivision(d, 1990, 2102), ...closures]
      const fast = buildCalendar({ id: 'p', timeZone: 'Europe/London', holidays })
      const slow = naiveCalendar(holidays.map((h) => h.date))
      const start = isoFromOffset(base)
      const end = isoFromOffset(base + 760)
      return (
        fast.addWorkingDays(start, k) === slow.addWorkingDays(start, k) &&
        fast.workingDaysBetween(start, end) === slow.workingDaysBetween(start, end) &&
        fast.explain(start, end).filter((e) => e.counted).length === fast.workingDaysBetween(start, end)
      )
    }),
    { numRuns: 100 },
  )
})
