import t from 'tap'
import {
  bankHolidays,
  buildCalendar,
  coveredYears,
  diffHolidays,
  type Holiday,
  holidaysForDivision,
  mergeOfficial,
  type OfficialEvent,
  parseGovUkBankHolidays,
} from '../../src/calendar/index.js'
import { govUkDatesTitles, govUkFixture } from './helpers.js'

// biome-ignore lint/suspicious/noExplicitAny: each case breaks the file in a way no type allows, as a bad upload would
type Upload = Record<string, any>

function upload(mutate?: (json: Upload) => void): Upload {
  const json = govUkFixture() as unknown as Upload
  mutate?.(json)
  return json
}

t.test('the real GOV.UK file parses, sorted, with its titles intact', async (t) => {
  const raw = govUkFixture()
  const result = parseGovUkBankHolidays(raw)
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  for (const division of ['england-and-wales', 'scotland', 'northern-ireland'] as const) {
    t.equal(result.data[division].length, raw[division].events.length, `${division}: every event kept`)
    const dates = result.data[division].map((e) => e.date)
    t.same(dates, [...dates].sort(), `${division}: sorted`)
    t.same(Object.keys(result.data[division][0]).sort(), ['date', 'title'])
  }
  t.same(
    result.data['northern-ireland'].find((e) => e.date === '2025-07-14'),
    {
      date: '2025-07-14',
      title: 'Battle of the Boyne (Orangemen’s Day)',
    },
  )
})

t.test('validation errors name each bad field', async (t) => {
  const cases: [string, unknown, string[]][] = [
    ['not an object', [], ['(root)']],
    ['null', null, ['(root)']],
    ['a division missing', upload((j) => delete j.scotland), ['scotland']],
    ['events not an array', upload((j) => (j['northern-ireland'].events = {})), ['northern-ireland.events']],
    ['events empty', upload((j) => (j['northern-ireland'].events = [])), ['northern-ireland.events']],
    ['division label mismatch', upload((j) => (j.scotland.division = 'england-and-wales')), ['scotland.division']],
    ['impossible date', upload((j) => (j['england-and-wales'].events[0].date = '2019-02-30')), ['england-and-wales.events[0].date']],
    ['UK-style date', upload((j) => (j['england-and-wales'].events[1].date = '19/04/2019')), ['england-and-wales.events[1].date']],
    ['date out of range', upload((j) => (j['england-and-wales'].events[1].date = '1985-04-05')), ['england-and-wales.events[1].date']],
    ['empty title', upload((j) => (j.scotland.events[2].title = '  ')), ['scotland.events[2].title']],
    ['missing title', upload((j) => delete j.scotland.events[2].title), ['scotland.events[2].title']],
    ['title not a string', upload((j) => (j.scotland.events[2].title = 7)), ['scotland.events[2].title']],
    ['event not an object', upload((j) => (j.scotland.events[3] = '2019-05-06')), ['scotland.events[3]']],
    ['bunting not a boolean', upload((j) => (j.scotland.events[3].bunting = 'yes')), ['scotland.events[3].bunting']],
    ['duplicate date', upload((j) => (j.scotland.events[4].date = j.scotland.events[3].date)), ['scotland.events[4].date']],
    [
      'several at once',
      upload((j) => {
        delete j['northern-ireland']
        j.scotland.events[0].date = 'soon'
        j['england-and-wales'].events[5].title = ''
      }),
      ['england-and-wales.events[5].title', 'scotland.events[0].date', 'northern-ireland'],
    ],
  ]
  for (const [name, input, fields] of cases) {
    const result = parseGovUkBankHolidays(input)
    t.notOk(result.ok, `${name}: rejected`)
    if (!result.ok) {
      t.same(
        result.errors.map((e) => e.field),
        fields,
        `${name}: fields`,
      )
      t.ok(
        result.errors.every((e) => e.message.length > 0),
        `${name}: messages`,
      )
    }
  }
})

t.test('coveredYears', async (t) => {
  t.same(coveredYears(govUkFixture()['england-and-wales'].events), [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027])
  t.same(coveredYears([]), [])
  t.same(coveredYears([{ date: '2030-01-01' }, { date: '2028-05-01' }, { date: '2030-12-25' }]), [2028, 2030])
})

t.test('diffHolidays between the older and the newer GOV.UK snapshot', async (t) => {
  const before = govUkFixture().scotland.events.map(({ date, title }) => ({ date, title }))
  const after = govUkDatesTitles().scotland
  const diff = diffHolidays(before, after)
  t.same(diff.removed, [])
  t.same(diff.added, [{ date: '2026-06-15', title: 'World Cup bank holiday' }, ...bankHolidays('scotland', 2028).map(({ date, title }) => ({ date, title }))])
  t.same(diffHolidays(after, after), { added: [], removed: [] })
  t.same(
    diffHolidays([{ date: '2030-05-06', title: 'A' }], [{ date: '2030-05-06', title: 'B' }]),
    {
      added: [{ date: '2030-05-06', title: 'B' }],
      removed: [{ date: '2030-05-06', title: 'A' }],
    },
    'a retitled day is one removal and one addition',
  )
})

t.test('mergeOfficial: official years replace the rules, other years keep them', async (t) => {
  const closure: Holiday = { date: '2026-12-29', title: 'Council closure', kind: 'closure' }
  const rules = [...holidaysForDivision('scotland', 2025, 2029), closure]
  const olderOfficial = govUkFixture().scotland.events.map(({ date, title }) => ({ date, title }))
  const merged = mergeOfficial(rules, olderOfficial)
  const dates = new Set(merged.map((h) => h.date))
  t.notOk(dates.has('2026-06-15'), 'for 2026 the (older) official list wins, without the World Cup day')
  t.ok(dates.has('2028-08-07') && dates.has('2029-01-02'), 'years the official data does not cover keep the rules')
  t.ok(dates.has('2019-12-02'), 'official years outside the span of the rule list are included as listed')
  t.equal(merged.filter((h) => h.date.startsWith('2026-') && h.kind === 'bank_holiday').length, 9, '2026 is exactly the official list')
  t.ok(
    merged.some((h) => h.kind === 'closure' && h.date === '2026-12-29'),
    'closures are kept',
  )
  t.same(
    merged.map((h) => h.date),
    [...merged.map((h) => h.date)].sort(),
    'sorted',
  )

  const announced: OfficialEvent[] = [
    ...bankHolidays('england-and-wales', 2031)
      .map(({ date, title }) => ({ date, title }))
      .filter((e) => e.date !== '2031-05-26'),
    { date: '2031-06-02', title: 'Spring bank holiday' },
    { date: '2031-06-03', title: 'Hypothetical extra bank holiday' },
  ]
  const withNews = mergeOfficial(holidaysForDivision('england-and-wales', 2030, 2032), announced)
  const cal = buildCalendar({ id: 'england-and-wales', timeZone: 'Europe/London', holidays: withNews })
  t.ok(cal.isWorkingDay('2031-05-26'), 'a moved rule holiday is working again')
  t.notOk(cal.isWorkingDay('2031-06-02'), 'the moved day is a holiday')
  t.notOk(cal.isWorkingDay('2031-06-03'), 'an announced extra day takes effect')
  t.notOk(cal.isWorkingDay('2032-05-31'), 'the next year still follows the rules (spring bank holiday 2032)')
})
