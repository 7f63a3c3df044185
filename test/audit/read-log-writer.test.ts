import { sql } from 'kysely'
import t from 'tap'
import { v7 as uuidv7 } from 'uuid'
import { ReadLogWriter } from '../../src/audit/read-log-writer.js'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aTeam } from '../helpers/builders.js'

const read = (familyId: string, requestId: string) => ({
  familyId,
  teamId: null,
  apiKeyId: null,
  actingUser: null,
  requestId,
  method: 'GET',
  path: '/families/:id',
  readAt: new Date('2027-01-05T10:00:00Z'),
})

t.test('reads that arrive while an insert is in flight share the next one; each caller waits for its own rows', async (t) => {
  const api = await buildTestApp(t)
  const writer = new ReadLogWriter(api.db)
  const familyId = uuidv7()
  const ids = Array.from({ length: 40 }, (_, i) => `rlw-${i}`)
  const seenOnReturn = await Promise.all(
    ids.map(async (id) => {
      await writer.append([read(familyId, id)])
      // Once append returns, the row is committed: another connection sees it.
      const rows = await api.db.selectFrom('auditReads').select('id').where('requestId', '=', id).execute()
      return rows.length
    }),
  )
  t.same(
    seenOnReturn,
    ids.map(() => 1),
    'every read was committed, once, when its append returned',
  )
  const statements = await sql<{ n: number }>`SELECT count(DISTINCT xmin::text)::int AS n FROM audit_reads WHERE family_id = ${familyId}`.execute(api.db)
  t.ok(statements.rows[0].n <= 3, `40 reads appended at once went in ${statements.rows[0].n} statements (one per read without batching)`)
  const order = await api.db.selectFrom('auditReads').select('requestId').where('familyId', '=', familyId).orderBy('id').execute()
  t.same(
    order.map((r) => r.requestId),
    ids,
    'in the order they were appended',
  )
})

t.test('a statement that fails fails only the reads it carried', async (t) => {
  const api = await buildTestApp(t)
  const writer = new ReadLogWriter(api.db)
  await t.rejects(writer.append([read('not-a-uuid', 'rlw-bad')]), /uuid/)
  await writer.append([read(uuidv7(), 'rlw-after')])
  t.equal((await api.db.selectFrom('auditReads').select('id').where('requestId', '=', 'rlw-after').execute()).length, 1, 'the next read is logged')
})

t.test('GETs made at once are each logged once, with their request ids', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const family = await aFamily(api, team.id)
  const ids = Array.from({ length: 20 }, (_, i) => `concurrent-read-${i}`)
  const answers = await Promise.all(ids.map((id) => api.call({ method: 'GET', url: `/families/${family.id}`, headers: { 'x-request-id': id } })))
  t.same(
    answers.map((a) => a.statusCode),
    ids.map(() => 200),
  )
  const logged = await api.db.selectFrom('auditReads').select('requestId').where('familyId', '=', family.id).where('method', '=', 'GET').execute()
  t.same(logged.map((r) => r.requestId).sort(), [...ids].sort())
})
