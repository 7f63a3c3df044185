import t from 'tap'
import { bankHolidays, coveredYears, DIVISIONS, type Division, parseGovUkBankHolidays, TITLES } from '../../src/calendar/index.js'
import { govUkDatesTitles, govUkFixture, govUkSource2012 } from './helpers.js'

type Asserts = { same: (a: unknown, b: unknown, m: string) => unknown }
type Row = { date: string; title: string }

function compare(t: Asserts, label: string, ours: Row[], theirs: Row[]): void {
  const key = (r: Row) => `${r.date} ${r.title}`
  const ourKeys = new Set(ours.map(key))
  const theirKeys = new Set(theirs.map(key))
  t.same(theirs.filter((r) => !ourKeys.has(key(r))).map(key), [], `${label}: nothing official is missing`)
  t.same(ours.filter((r) => !theirKeys.has(key(r))).map(key), [], `${label}: nothing extra`)
}

function rulesFor(division: Division, years: number[]): Row[] {
  return years.flatMap((y) => bankHolidays(division, y).map(({ date, title }) => ({ date, title })))
}

/**
 * One-offs announced after the test/fixtures snapshot was taken (so it cannot list them); each is
 * checked against the newer snapshot below instead.
 */
const ANNOUNCED_AFTER_FIXTURE = [{ division: 'scotland', date: '2026-06-15' }]

t.test('test/fixtures/bank-holidays.json (GOV.UK, 2019–2027): every year, date and title, both directions', async (t) => {
  const fixture = govUkFixture()
  const parsed = parseGovUkBankHolidays(fixture)
  t.ok(parsed.ok, 'the fixture passes the import validation')
  for (const division of DIVISIONS) {
    const events = fixture[division].events
    const years = coveredYears(events)
    t.same(years, [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027], `${division} covers 2019–2027`)
    const ours = rulesFor(division, years).filter((r) => !ANNOUNCED_AFTER_FIXTURE.some((a) => a.division === division && a.date === r.date))
    compare(
      t,
      division,
      ours,
      events.map(({ date, title }) => ({ date, title })),
    )
  }
})

t.test('newer GOV.UK snapshot (2019–2028, with the 2026 World Cup holiday): both directions', async (t) => {
  const newer = govUkDatesTitles()
  for (const division of DIVISIONS) {
    const years = coveredYears(newer[division])
    t.same(years[0], 2019)
    t.same(years[years.length - 1], 2028, `${division} runs to 2028`)
    compare(t, division, rulesFor(division, years), newer[division])
  }
  t.ok(
    newer.scotland.some((e) => e.date === '2026-06-15' && e.title === 'World Cup bank holiday'),
    'lists the World Cup day',
  )
})

const SOURCE_TITLES: Record<string, string> = {
  new_year: TITLES.newYear,
  '2nd_january': TITLES.secondJanuary,
  good_friday: TITLES.goodFriday,
  easter_monday: TITLES.easterMonday,
  early_may: TITLES.earlyMay,
  spring: TITLES.spring,
  summer: TITLES.summer,
  late_august: TITLES.summer,
  st_andrew: TITLES.stAndrew,
  st_patrick: TITLES.stPatrick,
  battle_boyne: TITLES.boyne,
  christmas: TITLES.christmas,
  boxing_day: TITLES.boxing,
  queen_diamond: 'Queen’s Diamond Jubilee',
}

/**
 * In 2012 and 2017 GOV.UK labelled Scotland's Monday 2 January as "2nd January" and the Tuesday as the
 * New Year substitute; from 2022–23 it labels them the other way round, which is what the rules follow.
 * Same dates either way.
 */
const SWAPPED_LABELS = new Set(['2012-01-02', '2012-01-03', '2017-01-02', '2017-01-03'])

t.test('GOV.UK source data 2012–2018 (alphagov/calendars): every year, both directions', async (t) => {
  const source = govUkSource2012()
  const years = [2012, 2013, 2014, 2015, 2016, 2017, 2018]
  for (const division of DIVISIONS) {
    const theirs = source.divisions[division].map((line) => {
      const [date, key] = line.split(' ')
      const title = SOURCE_TITLES[key]
      if (title === undefined) throw new Error(`unmapped key ${key}`)
      return { date, title }
    })
    const ours = rulesFor(division, years)
    t.same(
      ours.map((r) => r.date),
      theirs.map((r) => r.date).sort(),
      `${division}: same dates`,
    )
    const relabelled = ours.filter((r) => !(division === 'scotland' && SWAPPED_LABELS.has(r.date)))
    const theirsComparable = theirs.filter((r) => !(division === 'scotland' && SWAPPED_LABELS.has(r.date)))
    compare(t, `${division} titles`, relabelled, theirsComparable)
  }
})
