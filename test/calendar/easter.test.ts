import t from 'tap'
import { easterSunday } from '../../src/calendar/index.js'

/** Gauss's Easter algorithm with the Gregorian corrections: an independent check of the computus. */
function gaussEaster(year: number): string {
  const a = year % 19
  const b = year % 4
  const c = year % 7
  const k = Math.floor(year / 100)
  const p = Math.floor((13 + 8 * k) / 25)
  const q = Math.floor(k / 4)
  const M = (15 - p + k - q) % 30
  const N = (4 + k - q) % 7
  const d = (19 * a + M) % 30
  const e = (2 * b + 4 * c + 6 * d + N) % 7
  let day = 22 + d + e
  let month = 3
  if (day > 31) {
    month = 4
    day = d + e - 9
    if (day === 26) day = 19
    else if (day === 25 && d === 28 && e === 6 && (11 * M + 11) % 30 < 19) day = 18
  }
  return `${month}-${day}`
}

t.test('known Easter Sundays', async (t) => {
  const known: [number, number, number][] = [
    [1990, 4, 15],
    [1995, 4, 16],
    [2000, 4, 23],
    [2008, 3, 23],
    [2011, 4, 24],
    [2019, 4, 21],
    [2024, 3, 31],
    [2025, 4, 20],
    [2026, 4, 5],
    [2027, 3, 28],
    [2028, 4, 16],
    [2038, 4, 25],
    [2100, 3, 28],
  ]
  for (const [year, month, day] of known) t.same(easterSunday(year), { month, day }, `Easter ${year}`)
})

t.test('agrees with Gauss for 1990–2102, always a Sunday between 22 March and 25 April', async (t) => {
  for (let year = 1990; year <= 2102; year++) {
    const { month, day } = easterSunday(year)
    t.equal(`${month}-${day}`, gaussEaster(year), `${year}`)
    t.equal(new Date(Date.UTC(year, month - 1, day)).getUTCDay(), 0, `${year} is a Sunday`)
    const md = month * 100 + day
    t.ok(md >= 322 && md <= 425, `${year} in range`)
  }
})
