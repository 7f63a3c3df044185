import fc from 'fast-check'
import { DateTime } from 'luxon'
import t from 'tap'
import { CalendarRangeError, InvalidDateError } from '../../src/calendar/index.js'
import { DAY_COUNT, dayNumber, isoDate, isValidIsoDate, LAST_SUPPORTED_DAY, parseIsoDate, weekdayOf } from '../../src/calendar/iso-date.js'
import { isoFromOffset, thrown } from './helpers.js'

t.test('day numbers round-trip through every date of the table, with the right weekday', async (t) => {
  let bad = 0
  for (let day = 0; day < DAY_COUNT; day++) {
    const expected = isoFromOffset(day)
    const jsWeekday = (new Date(Date.UTC(1990, 0, 1 + day)).getUTCDay() + 6) % 7
    if (isoDate(day) !== expected || dayNumber(expected) !== day || weekdayOf(day) !== jsWeekday) bad++
  }
  t.equal(bad, 0, 'no mismatches')
  t.equal(isoDate(0), '1990-01-01')
  t.equal(isoDate(DAY_COUNT - 1), '2102-12-31')
  t.equal(isoDate(LAST_SUPPORTED_DAY), '2100-12-31')
})

t.test('valid and invalid ISO dates', async (t) => {
  const cases: [unknown, boolean][] = [
    ['2026-12-23', true],
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['2026-02-29', false],
    ['2100-02-29', false],
    ['1900-02-29', false],
    ['2026-02-30', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-1-01', false],
    ['26-01-01', false],
    ['2026-01-01T00:00', false],
    [' 2026-01-01', false],
    ['2026/01/01', false],
    ['2026-01-0a', false],
    ['', false],
    [null, false],
    [undefined, false],
    [20260101, false],
  ]
  for (const [input, valid] of cases) {
    t.equal(isValidIsoDate(input), valid, `isValidIsoDate(${JSON.stringify(input)})`)
    if (valid) t.equal(parseIsoDate(input), input)
    else t.ok(thrown(() => parseIsoDate(input)) instanceof InvalidDateError, `parseIsoDate(${JSON.stringify(input)}) throws`)
  }
})

t.test('validity agrees with luxon for random year/month/day triples', async () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
      const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
      return isValidIsoDate(s) === DateTime.fromISO(s, { zone: 'utc' }).isValid
    }),
    { numRuns: 5000 },
  )
})

t.test('dates outside the table are a range error, not an invalid date', async (t) => {
  t.ok(thrown(() => dayNumber('1989-12-31')) instanceof CalendarRangeError, '1989-12-31')
  t.ok(thrown(() => dayNumber('2103-01-01')) instanceof CalendarRangeError, '2103-01-01')
  t.ok(thrown(() => dayNumber('1989-02-30')) instanceof InvalidDateError, 'an impossible date out of range is still invalid')
  t.ok(thrown(() => isoDate(-1)) instanceof CalendarRangeError, 'day -1')
  t.ok(thrown(() => isoDate(DAY_COUNT)) instanceof CalendarRangeError, 'day past the table')
})
