import fc from 'fast-check'
import { DateTime } from 'luxon'
import t from 'tap'
import { addCalendarUnits, type CalendarUnit, endOfLocalDay, InvalidDateError, localDate } from '../../src/calendar/index.js'
import { isoFromOffset, thrown } from './helpers.js'

const LONDON = 'Europe/London'

t.test('localDate in London around midnight and the 2026 clock changes', async (t) => {
  const cases: [string, string, string][] = [
    ['2026-07-15T23:30:00.000Z', '2026-07-16', 'summer: 23:30 UTC is 00:30 BST the next day'],
    ['2026-07-15T22:59:59.999Z', '2026-07-15', 'summer: 23:59:59.999 BST'],
    ['2026-01-15T23:30:00.000Z', '2026-01-15', 'winter: 23:30 UTC is 23:30 GMT the same day'],
    ['2026-01-15T23:59:59.999Z', '2026-01-15', 'winter: last millisecond'],
    ['2026-01-16T00:00:00.000Z', '2026-01-16', 'winter: midnight'],
    ['2026-03-28T23:30:00.000Z', '2026-03-28', 'Saturday before the spring change, still GMT'],
    ['2026-03-29T00:59:59.999Z', '2026-03-29', 'just before clocks go forward (00:59 GMT)'],
    ['2026-03-29T01:00:00.000Z', '2026-03-29', 'clocks go forward: 02:00 BST'],
    ['2026-03-29T22:59:59.999Z', '2026-03-29', 'last millisecond of 29 March (BST)'],
    ['2026-03-29T23:00:00.000Z', '2026-03-30', 'first millisecond of 30 March (BST)'],
    ['2026-10-24T22:59:59.999Z', '2026-10-24', 'last millisecond of 24 October (BST)'],
    ['2026-10-24T23:00:00.000Z', '2026-10-25', 'first millisecond of 25 October (BST)'],
    ['2026-10-25T00:30:00.000Z', '2026-10-25', '01:30 BST, before clocks go back'],
    ['2026-10-25T01:30:00.000Z', '2026-10-25', '01:30 GMT, after clocks go back'],
    ['2026-10-25T23:30:00.000Z', '2026-10-25', 'evening after the change: GMT'],
    ['2026-10-26T00:00:00.000Z', '2026-10-26', 'midnight GMT'],
  ]
  for (const [instant, expected, name] of cases) t.equal(localDate(new Date(instant), LONDON), expected, name)
  t.equal(localDate(new Date('2026-07-15T23:30:00.000Z'), 'UTC'), '2026-07-15', 'the zone matters')
  t.equal(localDate(new Date('2026-07-16T03:30:00.000Z'), 'America/New_York'), '2026-07-15')
})

t.test('endOfLocalDay is 23:59:59.999 local time', async (t) => {
  const cases: [string, string, string][] = [
    ['2026-12-30', '2026-12-30T23:59:59.999Z', 'winter (api.md dueAt example)'],
    ['2026-07-15', '2026-07-15T22:59:59.999Z', 'summer'],
    ['2026-03-28', '2026-03-28T23:59:59.999Z', 'day before clocks go forward'],
    ['2026-03-29', '2026-03-29T22:59:59.999Z', 'day clocks go forward (ends in BST)'],
    ['2026-10-24', '2026-10-24T22:59:59.999Z', 'day before clocks go back'],
    ['2026-10-25', '2026-10-25T23:59:59.999Z', 'day clocks go back (ends in GMT)'],
  ]
  for (const [date, expected, name] of cases) t.equal(endOfLocalDay(date, LONDON).toISOString(), expected, name)
  t.equal(endOfLocalDay('2026-07-15', 'UTC').toISOString(), '2026-07-15T23:59:59.999Z')
})

t.test('endOfLocalDay and localDate agree for every kind of day', async () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 40_000 }), (offset) => {
      const date = isoFromOffset(offset)
      const end = endOfLocalDay(date, LONDON)
      return localDate(end, LONDON) === date && localDate(new Date(end.getTime() + 1), LONDON) === isoFromOffset(offset + 1)
    }),
    { numRuns: 3000 },
  )
})

t.test('addCalendarUnits', async (t) => {
  const cases: [string, number, CalendarUnit, string][] = [
    ['2026-01-31', 1, 'months', '2026-02-28'],
    ['2028-01-31', 1, 'months', '2028-02-29'],
    ['2026-03-31', 1, 'months', '2026-04-30'],
    ['2026-08-31', 6, 'months', '2027-02-28'],
    ['2026-03-31', -1, 'months', '2026-02-28'],
    ['2026-12-23', 0, 'months', '2026-12-23'],
    ['2026-03-25', 7, 'calendar_days', '2026-04-01'],
    ['2026-10-20', 10, 'calendar_days', '2026-10-30'],
    ['2026-12-23', 28, 'calendar_days', '2027-01-20'],
    ['2026-12-23', 2, 'weeks', '2027-01-06'],
    ['2024-02-22', 1, 'weeks', '2024-02-29'],
  ]
  for (const [date, amount, unit, expected] of cases) t.equal(addCalendarUnits(date, amount, unit), expected, `${date} + ${amount} ${unit}`)
  t.ok(thrown(() => addCalendarUnits('2026-02-30', 1, 'months')) instanceof InvalidDateError, 'invalid date')
  t.ok(thrown(() => addCalendarUnits('2026-02-01', 1.5, 'months')) instanceof RangeError, 'fractional amount')
  t.ok(thrown(() => addCalendarUnits('2026-02-01', 1, 'hours' as CalendarUnit)) instanceof TypeError, 'hours are not a calendar unit')
  t.ok(thrown(() => addCalendarUnits('2026-02-01', 1, 'toString' as CalendarUnit)) instanceof TypeError, 'no prototype keys')
})

t.test('bad inputs to the time helpers throw', async (t) => {
  t.ok(thrown(() => localDate(new Date('nonsense'), LONDON)) instanceof TypeError, 'invalid Date')
  t.ok(thrown(() => localDate('2026-01-01' as unknown as Date, LONDON)) instanceof TypeError, 'not a Date')
  t.ok(thrown(() => localDate(new Date(0), 'Europe/Nowhere')) instanceof RangeError, 'unknown zone')
  t.ok(thrown(() => endOfLocalDay('2026-02-30', LONDON)) instanceof InvalidDateError, 'invalid date')
  t.ok(thrown(() => endOfLocalDay('2026-02-03', 'Europe/Nowhere')) instanceof RangeError, 'unknown zone')
})

t.test('localDate agrees with luxon for every zone kind, across clock changes, 1970–2200', async (t) => {
  const zones = [LONDON, 'UTC', 'Europe/Dublin', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham']
  let seed = 20261129
  const next = () => {
    seed = (seed * 1664525 + 1013904223) >>> 0
    return seed / 2 ** 32
  }
  const from = Date.UTC(1970, 0, 1)
  const to = Date.UTC(2200, 0, 1)
  let differences = 0
  let checked = 0
  for (const zone of zones) {
    // Random instants, and every minute of the hours around each of the zone's offset changes in 2026.
    const instants = Array.from({ length: 5000 }, () => Math.floor(from + next() * (to - from)))
    for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 3_600_000) {
      if (DateTime.fromMillis(ms, { zone }).offset !== DateTime.fromMillis(ms + 3_600_000, { zone }).offset) {
        for (let m = -60; m <= 180; m++) instants.push(ms + m * 60_000)
      }
    }
    for (const ms of instants) {
      checked++
      if (localDate(new Date(ms), zone) !== DateTime.fromMillis(ms, { zone }).toISODate()) differences++
    }
  }
  t.equal(differences, 0, `${checked} instants in ${zones.length} zones`)
})
