import t from 'tap'
import { announceOverdueClocks } from '../../src/sla-clocks/overdue-clocks.js'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, anEscalation, aTeam } from '../helpers/builders.js'
import { until } from '../helpers/until.js'

t.test('the feed is ordered and gap-free under concurrent writers: no gaps, no repeats', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const seen: { position: string; id: number }[] = []
  let after: string | undefined
  const readAll = async () => {
    for (;;) {
      const page = (await api.call({ method: 'GET', url: `/events?limit=7${after ? `&after=${after}` : ''}` })).json()
      for (const e of page.items) seen.push(e)
      if (page.items.length) after = page.items[page.items.length - 1].position
      if (!page.nextCursor) return
    }
  }
  let writing = true
  const writers = Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let i = 0; i < 10; i++) await aFamily(api, team.id)
    }),
  ).finally(() => {
    writing = false
  })
  while (writing) {
    await readAll()
    await new Promise((r) => setTimeout(r, 5))
  }
  await writers
  await new Promise((r) => setTimeout(r, 200))
  await readAll()
  const committed = await api.db.selectFrom('events').select('id').execute()
  t.equal(seen.length, committed.length, 'every committed event read once, while writers were still writing')
  t.equal(new Set(seen.map((e) => e.id)).size, seen.length, 'no repeats')
  t.same(new Set(seen.map((e) => e.id)), new Set(committed.map((e) => e.id)), 'no gaps')
})

t.test('filters, cursor validation, team scope, and overdue clocks announced once by the job', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const other = await aTeam(api)
  const family = await aFamily(api, team.id)
  await aFamily(api, other.id)
  const esc = await anEscalation(api, family.id, team.id, { level: 'social_care_discussion', raisedAt: '2027-01-25T10:00:00Z' })
  // The feed shows a change once every transaction that began before it has ended: other work may be running.
  const byTypeUrl = '/events?type=escalation.raised,escalation.senior-discussion-held'
  await until(async () => (await api.call({ method: 'GET', url: byTypeUrl })).json().items.length >= 2)
  const byType = (await api.call({ method: 'GET', url: byTypeUrl })).json()
  t.same(
    byType.items.map((e: { type: string }) => e.type),
    ['escalation.raised', 'escalation.senior-discussion-held'],
  )
  t.ok(
    byType.items.every((e: { apiKeyId?: string }) => e.apiKeyId === undefined),
    'no key ids in the feed',
  )
  const byFamily = (await api.call({ method: 'GET', url: `/events?familyId=${family.id}` })).json()
  t.ok(byFamily.items.length >= 3 && byFamily.items.every((e: { familyId: string }) => e.familyId === family.id))
  t.equal((await api.call({ method: 'GET', url: '/events?after=nonsense' })).statusCode, 400)
  const scoped = (await api.call({ method: 'GET', url: '/events', key: await api.keyFor('viewer', other.id) })).json()
  t.ok(scoped.items.length > 0 && scoped.items.every((e: { teamId: string }) => e.teamId === other.id), 'a team key sees its team only')

  t.equal(await announceOverdueClocks(api.db, new Date('2027-01-27T23:00:00Z')), 0, 'not before the due instant')
  t.equal(await announceOverdueClocks(api.db, new Date('2027-01-28T00:00:01Z')), 1, 'announced once past it')
  t.equal(await announceOverdueClocks(api.db, new Date('2027-01-28T00:05:00Z')), 0, 'and only once')
  const overdue = (await api.call({ method: 'GET', url: '/events?type=sla-clock.overdue' })).json().items
  t.match(overdue, [
    { type: 'sla-clock.overdue', familyId: family.id, occurredAt: '2027-01-27T23:59:59.999Z', data: { standard: 'disagreement-step', subjectId: esc.id } },
  ])
})
