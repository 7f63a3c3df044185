import { sql } from 'kysely'
import t, { type Test } from 'tap'
import type { Db } from '../../src/db/database.js'
import { findFamilyBlockClocks, findFamilyForRead } from '../../src/families/family.repository.js'
import { findServiceRequestForRead } from '../../src/service-requests/service-request.repository.js'
import { clocksOfSubjects } from '../../src/sla-clocks/clock-reads.repository.js'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aServiceRequest, aTeam } from '../helpers/builders.js'

const byId = <R extends { id: string }>(rows: R[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id))

t.test('a record read with its clocks in one statement has the clocks the clock query reads, value for value', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const family = await aFamily(api, team.id)
  const request = await aServiceRequest(api, family.id, team.id)
  // In a transaction rolled back at the end: the app's check of its clocks against their events comes after.
  const rolledBack = new Error('rolled back')
  const checked = api.db.transaction().execute(async (db) => {
    await checkClocks(t, db, family.id, request.id)
    throw rolledBack
  })
  await t.rejects(checked, rolledBack)
})

async function checkClocks(t: Test, db: Db, familyId: string, requestId: string) {
  // Every instant column set, some with microseconds: the driver and the JSON column both keep milliseconds.
  await sql`
    update sla_clocks set completed_at = started_at + interval '2 days 1.234567 seconds', paused_at = started_at + interval '1 day',
      breach_actioned_at = '2027-01-02 03:04:05.678901+00', overdue_announced_at = now(), late_reason = 'Family away'
    where family_id = ${familyId}`.execute(db)

  const clockRows = await findFamilyBlockClocks(db, [familyId])
  t.ok(clockRows.length > 0, `the family's request has clocks (${clockRows.length})`)
  const family1 = await findFamilyForRead(db, familyId)
  t.equal(family1?.row.id, familyId)
  t.strictSame(byId(family1?.clocks ?? []), byId(clockRows), 'the family’s clocks')
  t.ok(
    family1?.clocks.every((c) => c.startedAt instanceof Date && c.completedAt instanceof Date && c.breachActionedAt?.getUTCMilliseconds() === 678),
    'instants are Dates, to the millisecond',
  )

  const request1 = await findServiceRequestForRead(db, requestId)
  t.equal(request1?.row.id, requestId)
  t.strictSame(byId(request1?.clocks ?? []), byId(await clocksOfSubjects(db, [requestId])), 'the request’s clocks')
  t.ok((request1?.clocks.length ?? 0) > 0)

  t.equal(await findFamilyForRead(db, '00000000-0000-7000-8000-000000000000'), undefined, 'no family, nothing')
}
