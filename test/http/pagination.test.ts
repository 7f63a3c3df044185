import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aTeam } from '../helpers/builders.js'

t.test('cursor pagination', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const created: string[] = []
  for (let i = 0; i < 11; i++) created.push((await aFamily(api, team.id)).id)

  const seen: string[] = []
  let cursor: string | null = null
  let pages = 0
  do {
    const res = await api.call({ method: 'GET', url: `/families?limit=4${cursor ? `&cursor=${cursor}` : ''}` })
    t.equal(res.statusCode, 200)
    const page = res.json() as { items: { id: string }[]; nextCursor: string | null }
    t.ok(page.items.length <= 4)
    seen.push(...page.items.map((f) => f.id))
    cursor = page.nextCursor
    pages++
    if (pages === 2) created.push((await aFamily(api, team.id)).id) // a write between pages
  } while (cursor && pages < 10)

  t.equal(pages, 3, 'twelve families at four a page')
  t.equal(new Set(seen).size, seen.length, 'nothing repeated')
  t.same([...seen].sort(), [...created].sort(), 'nothing lost, including a family added while paging')

  const whole = await api.call({ method: 'GET', url: '/families' })
  t.equal(whole.json().items.length, 12, 'the default limit is 50')
  t.equal(whole.json().nextCursor, null)

  const bad = await api.call({ method: 'GET', url: '/families?cursor=bm9wZQ' })
  t.equal(bad.statusCode, 400)
  t.match(bad.json().errors[0], { in: 'query', field: 'cursor' })
  t.equal((await api.call({ method: 'GET', url: '/families?limit=0' })).statusCode, 400)
})
