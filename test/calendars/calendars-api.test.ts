import { readFileSync } from 'node:fs'
import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aTeam } from '../helpers/builders.js'

const official = JSON.parse(readFileSync('test/fixtures/bank-holidays.json', 'utf8'))

t.test('calendars over the API', async (t) => {
  const api = await buildTestApp(t)
  const viewer = await api.keyFor('viewer')
  const get = (url: string, key = viewer) => api.call({ method: 'GET', url, key })

  t.test('the built-in calendars are listed', async (t) => {
    const res = await get('/calendars')
    t.same(
      res.json().items.map((c: { id: string }) => c.id),
      ['england-and-wales', 'northern-ireland', 'scotland'],
    )
    t.match(res.json().items[0], { basedOn: 'england-and-wales', builtIn: true, timeZone: 'Europe/London', closures: [], version: 1 })
  })

  t.test('the worked examples of the contract', async (t) => {
    const add = await get('/calendars/england-and-wales/working-days?from=2026-12-23&add=3')
    t.same(add.json(), { calendar: 'england-and-wales', from: '2026-12-23', to: '2026-12-30', workingDays: 3 })
    const count = await get('/calendars/england-and-wales/working-days?from=2026-12-24&to=2027-01-04')
    t.same(count.json(), { calendar: 'england-and-wales', from: '2026-12-24', to: '2027-01-04', workingDays: 4 })
    const backwards = await get('/calendars/england-and-wales/working-days?from=2027-01-04&to=2026-12-24')
    t.equal(backwards.json().workingDays, -4, 'negative when to is before from')
    const saturday = await get('/calendars/england-and-wales/working-days?from=2026-11-28&add=1')
    t.equal(saturday.json().to, '2026-11-30', 'received on a Saturday: Monday is working day 1')
  })

  t.test('Scotland against England on the same dates', async (t) => {
    const scotland = await get('/calendars/scotland/working-days?from=2026-12-31&add=1')
    const england = await get('/calendars/england-and-wales/working-days?from=2026-12-31&add=1')
    t.equal(england.json().to, '2027-01-04', 'England: New Year’s Day is Friday 1 January 2027, so Monday 4 is working day 1')
    t.equal(scotland.json().to, '2027-01-05', 'Scotland: 2 January is a Saturday, substituted to Monday 4, so Tuesday 5 is working day 1')
    const summer = await get('/calendars/scotland/working-days?from=2026-07-31&add=1')
    t.equal(summer.json().to, '2026-08-04', 'first Monday of August is a Scottish holiday')
    const easter = await get('/calendars/scotland/working-days?from=2026-04-03&add=1')
    t.equal(easter.json().to, '2026-04-06', 'no Easter Monday in Scotland')
    const easterEngland = await get('/calendars/england-and-wales/working-days?from=2026-04-03&add=1')
    t.equal(easterEngland.json().to, '2026-04-07')
  })

  t.test('holidays of a year, each with its kind', async (t) => {
    const res = await get('/calendars/scotland/holidays?from=2026-01-01&to=2026-12-31')
    const items = res.json().items as { date: string; title: string; kind: string }[]
    t.same(items[0], { date: '2026-01-01', title: 'New Year’s Day', kind: 'bank_holiday' })
    t.same(
      items.map((h) => h.date),
      ['2026-01-01', '2026-01-02', '2026-04-03', '2026-05-04', '2026-05-25', '2026-06-15', '2026-08-03', '2026-11-30', '2026-12-25', '2026-12-28'],
    )
    t.ok(items.every((h) => h.kind === 'bank_holiday'))
  })

  t.test('the explanation names each skipped day', async (t) => {
    const res = await get('/calendars/england-and-wales/working-days/explain?from=2026-12-23&to=2026-12-30')
    t.equal(res.json().workingDays, 3)
    t.same(res.json().days, [
      { date: '2026-12-24', counted: true },
      { date: '2026-12-25', counted: false, reason: 'bank_holiday', title: 'Christmas Day' },
      { date: '2026-12-26', counted: false, reason: 'weekend' },
      { date: '2026-12-27', counted: false, reason: 'weekend' },
      { date: '2026-12-28', counted: false, reason: 'bank_holiday', title: 'Boxing Day' },
      { date: '2026-12-29', counted: true },
      { date: '2026-12-30', counted: true },
    ])
  })

  t.test('bad dates, unknown calendars and absurd ranges are clear problems', async (t) => {
    const cases: [string, number, string][] = [
      ['/calendars/england-and-wales/working-days?from=2026-02-30&add=3', 400, 'from'],
      ['/calendars/england-and-wales/working-days?from=2026-12-23', 400, 'to'],
      ['/calendars/england-and-wales/working-days?from=2026-12-23&add=3&to=2026-12-30', 400, 'add'],
      ['/calendars/england-and-wales/working-days?from=1900-01-01&add=3', 400, 'from'],
      ['/calendars/england-and-wales/working-days?from=2100-12-01&add=260', 400, 'add'],
      ['/calendars/england-and-wales/holidays?from=2026-01-01&to=2190-01-01', 400, 'to'],
      ['/calendars/england-and-wales/holidays?from=2026-12-31&to=2026-01-01', 400, 'to'],
      ['/calendars/england-and-wales/working-days/explain?from=2020-01-01&to=2026-01-01', 400, 'to'],
    ]
    for (const [url, status, field] of cases) {
      const res = await get(url)
      t.equal(res.statusCode, status, url)
      t.equal(res.json().errors?.[0]?.field, field, `${url} names ${field}`)
    }
    const unknown = await get('/calendars/wales-only/working-days?from=2026-12-23&add=3')
    t.equal(unknown.statusCode, 404)
    t.equal(unknown.json().type, '/problems/not-found')
  })

  t.test('a custom calendar with closure days', async (t) => {
    const created = await api.call({
      method: 'POST',
      url: '/calendars',
      payload: { id: 'council-closures', name: 'Council calendar', basedOn: 'england-and-wales', closures: [{ date: '2026-12-29', title: 'Council closure' }] },
    })
    t.equal(created.statusCode, 201)
    t.match(created.json(), {
      id: 'council-closures',
      basedOn: 'england-and-wales',
      builtIn: false,
      version: 1,
      closures: [{ date: '2026-12-29', title: 'Council closure' }],
    })
    const holidays = await get('/calendars/council-closures/holidays?from=2026-12-24&to=2026-12-31')
    t.same(holidays.json().items, [
      { date: '2026-12-25', title: 'Christmas Day', kind: 'bank_holiday' },
      { date: '2026-12-28', title: 'Boxing Day', kind: 'bank_holiday' },
      { date: '2026-12-29', title: 'Council closure', kind: 'closure' },
    ])
    t.equal((await get('/calendars/council-closures/working-days?from=2026-12-23&add=3')).json().to, '2026-12-31', 'the closure day is not a working day')

    const added = await api.call({
      method: 'POST',
      url: '/calendars/council-closures/closures',
      headers: { 'if-match': '"1"' },
      payload: { date: '2026-12-30', title: 'Council closure' },
    })
    t.equal(added.statusCode, 201)
    t.equal(added.json().version, 2, 'a change of days is a new version')
    t.equal((await get('/calendars/council-closures/working-days?from=2026-12-23&add=3')).json().to, '2027-01-04', 'takes effect at once')
    const explained = await get('/calendars/council-closures/working-days/explain?from=2026-12-28&to=2026-12-31')
    t.same(explained.json().days[0], { date: '2026-12-29', counted: false, reason: 'closure', title: 'Council closure' })

    const removed = await api.call({ method: 'DELETE', url: '/calendars/council-closures/closures/2026-12-30' })
    t.equal(removed.statusCode, 200)
    t.equal(removed.json().version, 3)
    t.equal((await get('/calendars/council-closures/working-days?from=2026-12-23&add=3')).json().to, '2026-12-31')

    t.equal((await api.call({ method: 'DELETE', url: '/calendars/council-closures/closures/2026-12-30' })).statusCode, 404)
    t.equal((await api.call({ method: 'POST', url: '/calendars/council-closures/closures', payload: { date: '2026-12-29', title: 'again' } })).statusCode, 409)
    t.equal(
      (
        await api.call({
          method: 'POST',
          url: '/calendars/council-closures/closures',
          headers: { 'if-match': '"1"' },
          payload: { date: '2027-12-29', title: 'stale' },
        })
      ).statusCode,
      412,
    )
    t.equal(
      (await api.call({ method: 'POST', url: '/calendars/england-and-wales/closures', payload: { date: '2026-12-29', title: 'x' } })).statusCode,
      409,
      'built-in calendars take no closures',
    )
    t.equal((await api.call({ method: 'POST', url: '/calendars', payload: { id: 'council-closures', name: 'again', basedOn: 'scotland' } })).statusCode, 409)
    t.equal(
      (await api.call({ method: 'POST', url: '/calendars/council-closures/closures', key: viewer, payload: { date: '2027-12-29', title: 'x' } })).statusCode,
      403,
    )

    const team = await aTeam(api, { calendarId: 'council-closures' })
    t.equal(team.calendarId, 'council-closures', 'a team can work to a custom calendar')
  })

  t.test('uploading the official GOV.UK file', async (t) => {
    // This copy of the official file predates Scotland's 2026 World Cup holiday, which the built-in data has.
    const older = await api.call({ method: 'POST', url: '/calendars/bank-holidays', payload: official })
    t.equal(older.statusCode, 200)
    t.same(
      older.json().changes,
      {
        'england-and-wales': { added: [], removed: [] },
        scotland: { added: [], removed: [{ date: '2026-06-15', title: 'World Cup bank holiday' }] },
        'northern-ireland': { added: [], removed: [] },
      },
      'everything else already matches; the one difference is reported',
    )
    t.same(older.json().calendarsUpdated, ['scotland'])
    t.same(older.json().coveredYears, [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027])
    t.equal((await get('/calendars/scotland/working-days?from=2026-06-12&add=1')).json().to, '2026-06-15')

    // One-offs announced after release: Scotland's holiday again, a new holiday in 2027 and a moved one.
    const announced = structuredClone(official)
    announced.scotland.events.push({ title: 'World Cup bank holiday', date: '2026-06-15', notes: '', bunting: true })
    announced['england-and-wales'].events.push({ title: 'Extra bank holiday', date: '2027-06-07', notes: '', bunting: true })
    announced['england-and-wales'].events = announced['england-and-wales'].events.filter((e: { date: string }) => e.date !== '2027-05-31')
    announced['england-and-wales'].events.push({ title: 'Spring bank holiday', date: '2027-06-01', notes: '', bunting: true })
    const res = await api.call({ method: 'POST', url: '/calendars/bank-holidays', payload: announced })
    t.equal(res.statusCode, 200)
    t.same(res.json().changes['england-and-wales'], {
      added: [
        { date: '2027-06-01', title: 'Spring bank holiday' },
        { date: '2027-06-07', title: 'Extra bank holiday' },
      ],
      removed: [{ date: '2027-05-31', title: 'Spring bank holiday' }],
    })
    t.same(res.json().changes.scotland, { added: [{ date: '2026-06-15', title: 'World Cup bank holiday' }], removed: [] })
    t.same(res.json().calendarsUpdated, ['council-closures', 'england-and-wales', 'scotland'])
    t.equal((await get('/calendars/scotland/working-days?from=2026-06-12&add=1')).json().to, '2026-06-16')
    t.equal((await get('/calendars/england-and-wales/working-days?from=2027-06-04&add=1')).json().to, '2027-06-08', 'in force at once')
    t.equal((await get('/calendars/england-and-wales/working-days?from=2027-05-28&add=1')).json().to, '2027-05-31', 'the moved day works again')
    t.equal((await get('/calendars/england-and-wales')).json().version, 2)

    const broken = structuredClone(official)
    broken.scotland.events[3].date = '2026-13-01'
    delete broken['northern-ireland']
    const bad = await api.call({ method: 'POST', url: '/calendars/bank-holidays', payload: broken })
    t.equal(bad.statusCode, 400)
    const fields = bad.json().errors.map((e: { field: string }) => e.field)
    t.ok(fields.includes('scotland.events[3].date'), 'names the bad date')
    t.ok(fields.includes('northern-ireland'), 'names the missing division')
    t.equal((await get('/calendars/england-and-wales/working-days?from=2027-06-04&add=1')).json().to, '2027-06-08', 'a refused file changes nothing')
  })
})
