import t from 'tap'
import { CalendarCache, type CalendarDefinition } from '../../src/calendar/index.js'
import { createDb } from '../../src/db/database.js'
import { workingCalendarFor } from '../../src/working-calendars/working-calendars.js'
import { createTestDatabase } from '../helpers/database.js'

const DEFINITION: CalendarDefinition = { id: 'council', timeZone: 'Europe/London', holidays: [{ date: '2027-01-13', title: 'Closure', kind: 'closure' }] }
const STAMP = { id: 'council', version: 3 }

/** Settles `promise`, or says it did not within `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'still waiting'> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([promise, new Promise<'still waiting'>((resolve) => (timer = setTimeout(() => resolve('still waiting'), ms)))])
  } finally {
    clearTimeout(timer)
  }
}

t.test('a caller never waits on another caller’s load', async (t) => {
  const cache = new CalendarCache()
  const stuck = cache.get(STAMP, () => new Promise<CalendarDefinition>(() => {}))
  const second = await within(
    cache.get(STAMP, async () => DEFINITION),
    1000,
  )
  t.not(second, 'still waiting', 'the second caller built the calendar from its own load')
  t.equal(await within(stuck, 50), 'still waiting', 'while the first load is still running')
})

t.test('a built calendar is shared per id and version; a new version loads again; a failed load is not kept', async (t) => {
  const cache = new CalendarCache()
  let loads = 0
  const load = async () => {
    loads++
    return DEFINITION
  }
  const first = await cache.get(STAMP, load)
  t.equal(await cache.get(STAMP, load), first, 'the same table for the same version')
  t.equal(loads, 1, 'loaded once')
  t.not(await cache.get({ ...STAMP, version: 4 }, load), first, 'a new version is built again')
  t.equal(loads, 2)
  await t.rejects(
    cache.get({ ...STAMP, version: 5 }, () => Promise.reject(new Error('connection lost'))),
    /connection lost/,
  )
  await cache.get({ ...STAMP, version: 5 }, load)
  t.equal(loads, 3, 'the version that failed to load is loaded again')
})

t.test('transactions holding every connection of the pool still read a calendar another load has begun', async (t) => {
  const database = await createTestDatabase()
  const db = createDb(database.url, { poolSize: 1 })
  t.teardown(async () => {
    await db.destroy()
    await database.drop()
  })
  const cache = new CalendarCache()
  const row = await db.selectFrom('calendars').select(['id', 'version', 'division', 'timeZone']).where('id', '=', 'england-and-wales').executeTakeFirstOrThrow()
  let outside: Promise<unknown> | undefined
  const inside = db.transaction().execute(async (trx) => {
    // The only connection is this transaction's: a load on the pool must wait for it to end.
    outside = workingCalendarFor(db, cache, row)
    return workingCalendarFor(trx, cache, row)
  })
  t.not(await within(inside, 5000), 'still waiting', 'the transaction read the calendar on its own connection and ended')
  t.not(await within(outside as Promise<unknown>, 5000), 'still waiting', 'and the load on the pool then ran')
})
