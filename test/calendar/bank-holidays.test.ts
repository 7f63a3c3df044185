import t from 'tap'
import { bankHolidays, CalendarRangeError, DIVISIONS, type Division, holidaysForDivision, ONE_OFF_HOLIDAYS, TITLES } from '../../src/calendar/index.js'
import { govUkDatesTitles, govUkFixture, govUkSource2012, thrown } from './helpers.js'

/** Every official listing available, by division: date → title (the 2012–2018 source has no GOV.UK titles). */
function officialIndex(): Record<Division, Map<string, string | null>> {
  const out = {} as Record<Division, Map<string, string | null>>
  const full = govUkFixture()
  const newer = govUkDatesTitles()
  const old = govUkSource2012()
  for (const d of DIVISIONS) {
    const m = new Map<string, string | null>()
    for (const line of old.divisions[d]) m.set(line.slice(0, 10), null)
    for (const e of full[d].events) m.set(e.date, e.title)
    for (const e of newer[d]) m.set(e.date, e.title)
    out[d] = m
  }
  return out
}
const OFFICIAL_YEARS = { first: 2012, last: 2028 }
const official = officialIndex()

interface Case {
  name: string
  division: Division
  year: number
  present: [string, string][]
  absent: string[]
}

const substituteCases: Case[] = [
  {
    name: 'Christmas on Saturday (2021)',
    division: 'england-and-wales',
    year: 2021,
    present: [
      ['2021-12-27', TITLES.christmas],
      ['2021-12-28', TITLES.boxing],
    ],
    absent: ['2021-12-25', '2021-12-26'],
  },
  {
    name: 'Christmas on Saturday (2027)',
    division: 'northern-ireland',
    year: 2027,
    present: [
      ['2027-12-27', TITLES.christmas],
      ['2027-12-28', TITLES.boxing],
    ],
    absent: ['2027-12-25', '2027-12-26'],
  },
  {
    name: 'Christmas on Sunday (2022)',
    division: 'england-and-wales',
    year: 2022,
    present: [
      ['2022-12-26', TITLES.boxing],
      ['2022-12-27', TITLES.christmas],
    ],
    absent: ['2022-12-25'],
  },
  {
    name: 'Christmas on Sunday (2016), Scotland',
    division: 'scotland',
    year: 2016,
    present: [
      ['2016-12-26', TITLES.boxing],
      ['2016-12-27', TITLES.christmas],
    ],
    absent: ['2016-12-25'],
  },
  {
    name: 'Boxing Day on Saturday (2020)',
    division: 'england-and-wales',
    year: 2020,
    present: [
      ['2020-12-25', TITLES.christmas],
      ['2020-12-28', TITLES.boxing],
    ],
    absent: ['2020-12-26'],
  },
  {
    name: 'Boxing Day on Saturday (2026)',
    division: 'scotland',
    year: 2026,
    present: [
      ['2026-12-25', TITLES.christmas],
      ['2026-12-28', TITLES.boxing],
    ],
    absent: ['2026-12-26'],
  },
  { name: 'Boxing Day on Saturday (2015)', division: 'northern-ireland', year: 2015, present: [['2015-12-28', TITLES.boxing]], absent: ['2015-12-26'] },
  { name: 'New Year on Saturday (2022)', division: 'england-and-wales', year: 2022, present: [['2022-01-03', TITLES.newYear]], absent: ['2022-01-01'] },
  {
    name: 'New Year on Saturday (2011, no official data)',
    division: 'england-and-wales',
    year: 2011,
    present: [['2011-01-03', TITLES.newYear]],
    absent: ['2011-01-01', '2011-01-04'],
  },
  { name: 'New Year on Saturday (2028)', division: 'northern-ireland', year: 2028, present: [['2028-01-03', TITLES.newYear]], absent: ['2028-01-01'] },
  {
    name: 'New Year on Sunday (2023)',
    division: 'england-and-wales',
    year: 2023,
    present: [['2023-01-02', TITLES.newYear]],
    absent: ['2023-01-01', '2023-01-03'],
  },
  { name: 'New Year on Sunday (2017)', division: 'england-and-wales', year: 2017, present: [['2017-01-02', TITLES.newYear]], absent: ['2017-01-01'] },
  {
    name: 'Scotland: 1 and 2 January at the weekend (2022)',
    division: 'scotland',
    year: 2022,
    present: [
      ['2022-01-03', TITLES.newYear],
      ['2022-01-04', TITLES.secondJanuary],
    ],
    absent: ['2022-01-01', '2022-01-02'],
  },
  {
    name: 'Scotland: 1 and 2 January at the weekend (2011)',
    division: 'scotland',
    year: 2011,
    present: [
      ['2011-01-03', TITLES.newYear],
      ['2011-01-04', TITLES.secondJanuary],
    ],
    absent: ['2011-01-01', '2011-01-02'],
  },
  {
    name: 'Scotland: 1 and 2 January at the weekend (2028)',
    division: 'scotland',
    year: 2028,
    present: [
      ['2028-01-03', TITLES.newYear],
      ['2028-01-04', TITLES.secondJanuary],
    ],
    absent: ['2028-01-01', '2028-01-02'],
  },
  {
    name: 'Scotland: New Year on Sunday (2023)',
    division: 'scotland',
    year: 2023,
    present: [
      ['2023-01-02', TITLES.newYear],
      ['2023-01-03', TITLES.secondJanuary],
    ],
    absent: ['2023-01-01'],
  },
  {
    name: 'Scotland: New Year on Sunday (2017)',
    division: 'scotland',
    year: 2017,
    present: [
      ['2017-01-02', TITLES.newYear],
      ['2017-01-03', TITLES.secondJanuary],
    ],
    absent: ['2017-01-01'],
  },
  {
    name: 'Scotland: 2 January on Saturday (2021)',
    division: 'scotland',
    year: 2021,
    present: [
      ['2021-01-01', TITLES.newYear],
      ['2021-01-04', TITLES.secondJanuary],
    ],
    absent: ['2021-01-02'],
  },
  {
    name: 'Scotland: 2 January on Saturday (2027)',
    division: 'scotland',
    year: 2027,
    present: [
      ['2027-01-01', TITLES.newYear],
      ['2027-01-04', TITLES.secondJanuary],
    ],
    absent: ['2027-01-02'],
  },
  { name: 'St Andrew’s Day on Saturday (2024)', division: 'scotland', year: 2024, present: [['2024-12-02', TITLES.stAndrew]], absent: ['2024-11-30'] },
  { name: 'St Andrew’s Day on Sunday (2025)', division: 'scotland', year: 2025, present: [['2025-12-01', TITLES.stAndrew]], absent: ['2025-11-30'] },
  { name: 'St Andrew’s Day on Saturday (2013)', division: 'scotland', year: 2013, present: [['2013-12-02', TITLES.stAndrew]], absent: ['2013-11-30'] },
  { name: 'St Andrew’s Day on a weekday (2026)', division: 'scotland', year: 2026, present: [['2026-11-30', TITLES.stAndrew]], absent: [] },
  { name: 'St Patrick’s Day on Sunday (2024)', division: 'northern-ireland', year: 2024, present: [['2024-03-18', TITLES.stPatrick]], absent: ['2024-03-17'] },
  {
    name: 'St Patrick’s Day on Saturday (2018)',
    division: 'northern-ireland',
    year: 2018,
    present: [['2018-03-19', TITLES.stPatrick]],
    absent: ['2018-03-17'],
  },
  { name: 'Battle of the Boyne on Sunday (2020)', division: 'northern-ireland', year: 2020, present: [['2020-07-13', TITLES.boyne]], absent: ['2020-07-12'] },
  { name: 'Battle of the Boyne on Saturday (2025)', division: 'northern-ireland', year: 2025, present: [['2025-07-14', TITLES.boyne]], absent: ['2025-07-12'] },
  { name: 'Battle of the Boyne on Saturday (2014)', division: 'northern-ireland', year: 2014, present: [['2014-07-14', TITLES.boyne]], absent: ['2014-07-12'] },
]

const oneOffCases: Case[] = DIVISIONS.flatMap((division): Case[] => [
  { name: `1995 VE day (${division})`, division, year: 1995, present: [['1995-05-08', 'Early May bank holiday (VE day)']], absent: ['1995-05-01'] },
  { name: `1999 Millennium (${division})`, division, year: 1999, present: [['1999-12-31', 'Millennium bank holiday']], absent: [] },
  {
    name: `2002 Golden Jubilee (${division})`,
    division,
    year: 2002,
    present: [
      ['2002-06-03', 'Queen’s Golden Jubilee'],
      ['2002-06-04', TITLES.spring],
    ],
    absent: ['2002-05-27'],
  },
  { name: `2011 Royal wedding (${division})`, division, year: 2011, present: [['2011-04-29', 'Royal wedding']], absent: [] },
  {
    name: `2012 Diamond Jubilee (${division})`,
    division,
    year: 2012,
    present: [
      ['2012-06-04', TITLES.spring],
      ['2012-06-05', 'Queen’s Diamond Jubilee'],
    ],
    absent: ['2012-05-28'],
  },
  { name: `2020 VE day (${division})`, division, year: 2020, present: [['2020-05-08', 'Early May bank holiday (VE day)']], absent: ['2020-05-04'] },
  {
    name: `2022 Platinum Jubilee and State Funeral (${division})`,
    division,
    year: 2022,
    present: [
      ['2022-06-02', TITLES.spring],
      ['2022-06-03', 'Platinum Jubilee bank holiday'],
      ['2022-09-19', 'Bank Holiday for the State Funeral of Queen Elizabeth II'],
    ],
    absent: ['2022-05-30'],
  },
  {
    name: `2023 Coronation (${division})`,
    division,
    year: 2023,
    present: [
      ['2023-05-01', TITLES.earlyMay],
      ['2023-05-08', 'Bank holiday for the coronation of King Charles III'],
    ],
    absent: [],
  },
  division === 'scotland'
    ? { name: '2026 World Cup bank holiday (Scotland)', division, year: 2026, present: [['2026-06-15', 'World Cup bank holiday']], absent: [] }
    : { name: `2026 no World Cup holiday (${division})`, division, year: 2026, present: [], absent: ['2026-06-15'] },
])

for (const [group, cases] of [
  ['substitute days', substituteCases],
  ['one-off changes', oneOffCases],
] as const) {
  for (const c of cases) {
    t.test(`${group}: ${c.name}`, async (t) => {
      const list = bankHolidays(c.division, c.year)
      const byDate = new Map(list.map((h) => [h.date, h.title]))
      for (const [date, title] of c.present) t.equal(byDate.get(date), title, `${date} is ${title}`)
      for (const date of c.absent) t.notOk(byDate.has(date), `${date} is not a holiday`)
      if (c.year >= OFFICIAL_YEARS.first && c.year <= OFFICIAL_YEARS.last) {
        const o = official[c.division]
        for (const [date, title] of c.present) {
          t.ok(o.has(date), `official data lists ${date}`)
          const officialTitle = o.get(date)
          if (officialTitle != null) t.equal(officialTitle, title, `official title for ${date}`)
        }
        for (const date of c.absent) t.notOk(o.has(date), `official data does not list ${date}`)
      }
    })
  }
}

t.test('one-off data is well formed', async (t) => {
  for (const change of ONE_OFF_HOLIDAYS) {
    t.ok(change.source.trim().length > 20, `${change.date} has a source`)
    t.ok(change.divisions.length > 0, `${change.date} names its divisions`)
    const weekday = new Date(`${change.date}T00:00:00Z`).getUTCDay()
    t.ok(weekday >= 1 && weekday <= 5, `${change.date} is a weekday`)
    for (const division of change.divisions) {
      const dates = bankHolidays(division, Number(change.date.slice(0, 4))).map((h) => h.date)
      t.ok(dates.includes(change.date), `${change.date} is a ${division} holiday`)
      if (change.replaces) t.notOk(dates.includes(change.replaces), `${change.replaces} is not a ${division} holiday`)
    }
  }
})

t.test('every year 1990–2102: weekdays only, sorted, unique, expected count', async (t) => {
  const extraDays = new Map<string, number>()
  for (const c of ONE_OFF_HOLIDAYS) {
    if (c.replaces) continue
    for (const d of c.divisions) {
      const key = `${d}:${c.date.slice(0, 4)}`
      extraDays.set(key, (extraDays.get(key) ?? 0) + 1)
    }
  }
  for (const division of DIVISIONS) {
    for (let year = 1990; year <= 2102; year++) {
      const list = bankHolidays(division, year)
      const base = division === 'england-and-wales' ? 8 : division === 'northern-ireland' ? 10 : year >= 2007 ? 9 : 8
      const expected = base + (extraDays.get(`${division}:${year}`) ?? 0)
      const problems: string[] = []
      if (list.length !== expected) problems.push(`count ${list.length} != ${expected}`)
      list.forEach((h, i) => {
        if (!h.date.startsWith(`${year}-`)) problems.push(`${h.date} outside ${year}`)
        const wd = new Date(`${h.date}T00:00:00Z`).getUTCDay()
        if (wd === 0 || wd === 6) problems.push(`${h.date} at a weekend`)
        if (i > 0 && list[i - 1].date >= h.date) problems.push(`${h.date} not after ${list[i - 1].date}`)
        if (h.kind !== 'bank_holiday') problems.push(`${h.date} kind ${h.kind}`)
      })
      if (problems.length) t.fail(`${division} ${year}: ${problems.join('; ')}`)
    }
  }
  t.pass('checked')
})

t.test('division rules', async (t) => {
  for (let year = 1990; year <= 2102; year++) {
    const ew = new Map(bankHolidays('england-and-wales', year).map((h) => [h.title, h.date]))
    const sc = new Map(bankHolidays('scotland', year).map((h) => [h.title, h.date]))
    const ni = new Map(bankHolidays('northern-ireland', year).map((h) => [h.title, h.date]))
    const summerEw = new Date(`${ew.get(TITLES.summer)}T00:00:00Z`)
    const summerSc = new Date(`${sc.get(TITLES.summer)}T00:00:00Z`)
    if (summerEw.getUTCDay() !== 1 || summerEw.getUTCMonth() !== 7 || summerEw.getUTCDate() < 25) t.fail(`${year} E&W summer not last Monday of August`)
    if (summerSc.getUTCDay() !== 1 || summerSc.getUTCMonth() !== 7 || summerSc.getUTCDate() > 7) t.fail(`${year} Scotland summer not first Monday of August`)
    if (sc.has(TITLES.easterMonday)) t.fail(`${year} Scotland has Easter Monday`)
    if (!ew.has(TITLES.easterMonday) || ew.get(TITLES.easterMonday) !== ni.get(TITLES.easterMonday)) t.fail(`${year} Easter Monday`)
    if (ew.has(TITLES.stPatrick) || sc.has(TITLES.stPatrick) || !ni.has(TITLES.stPatrick)) t.fail(`${year} St Patrick’s Day`)
    if (ew.has(TITLES.boyne) || sc.has(TITLES.boyne) || !ni.has(TITLES.boyne)) t.fail(`${year} Boyne`)
    if (ew.has(TITLES.stAndrew) || ni.has(TITLES.stAndrew) || sc.has(TITLES.stAndrew) !== year >= 2007) t.fail(`${year} St Andrew’s Day`)
    if (ew.has(TITLES.secondJanuary) || ni.has(TITLES.secondJanuary) || !sc.has(TITLES.secondJanuary)) t.fail(`${year} 2 January`)
  }
  t.notOk(
    bankHolidays('scotland', 2006).some((h) => h.title === TITLES.stAndrew),
    'no St Andrew’s Day bank holiday before the 2007 Act',
  )
  t.ok(
    bankHolidays('scotland', 2007).some((h) => h.date === '2007-11-30'),
    'St Andrew’s Day 2007 (Friday)',
  )
})

t.test('argument checks', async (t) => {
  t.ok(thrown(() => bankHolidays('england-and-wales', 1989)) instanceof CalendarRangeError, 'year 1989')
  t.ok(thrown(() => bankHolidays('england-and-wales', 2103)) instanceof CalendarRangeError, 'year 2103')
  t.ok(thrown(() => bankHolidays('england-and-wales', 2026.5)) instanceof CalendarRangeError, 'fractional year')
  t.ok(thrown(() => bankHolidays('wales' as Division, 2026)) instanceof TypeError, 'unknown division')
  t.equal(holidaysForDivision('scotland', 2025, 2027).length, 9 + 10 + 9)
  t.same(holidaysForDivision('scotland', 2027, 2026), [], 'empty when toYear < fromYear')
  t.ok(thrown(() => holidaysForDivision('scotland', 1989, 2000)) instanceof CalendarRangeError, 'fromYear out of range')
})
