import t from 'tap'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aPractitioner, aTeam, requestPayload } from '../helpers/builders.js'

t.test("a key for every team cannot file one team's family under another team", async (t) => {
  const api = await buildTestApp(t)
  const [a, b] = [await aTeam(api), await aTeam(api)]
  const family = await aFamily(api, a.id)
  const specialistOfB = await aPractitioner(api, b.id, { role: 'specialist', specialism: 'substance_misuse' })
  const manager = await api.keyFor('manager')
  const attempts = [
    { url: '/service-requests', payload: requestPayload(family.id, b.id) },
    {
      url: '/consultations',
      payload: { familyId: family.id, teamId: b.id, practitionerId: specialistOfB.id, specialism: 'substance_misuse', heldAt: '2027-01-20T11:00:00Z' },
    },
    {
      url: '/escalations',
      payload: {
        kind: 'disagreement',
        familyId: family.id,
        teamId: b.id,
        raisedAt: '2027-01-20T10:00:00Z',
        raisedBy: 'Ana',
        subject: 'Threshold',
        level: 'senior_practitioner',
      },
    },
    {
      url: '/consents',
      payload: {
        familyId: family.id,
        teamId: b.id,
        decision: 'given',
        scopes: ['service'],
        givenBy: { name: 'Alex', relationship: 'parent' },
        decidedAt: '2027-01-20T10:00:00Z',
        recordedBy: 'Jo',
      },
    },
  ]
  for (const { url, payload } of attempts) {
    for (const key of [api.adminKey, manager]) {
      const res = await api.call({ method: 'POST', url, payload, key })
      t.equal(res.statusCode, 400, `POST ${url} with another team's family`)
      t.match(res.json(), { errors: [{ field: 'teamId' }] }, 'the problem names teamId')
      const sameTeam = await api.call({ method: 'POST', url, payload: { ...payload, teamId: a.id, practitionerId: undefined }, key })
      t.ok(sameTeam.statusCode < 300, `POST ${url} with the family's own team is accepted (${sameTeam.statusCode} ${sameTeam.body.slice(0, 200)})`)
      if (url === '/escalations' || url === '/service-requests') break
    }
  }
  const listed = await api.call({ method: 'GET', url: `/consultations?teamId=${b.id}` })
  t.equal(listed.json().items.length, 0, 'nothing was filed under the other team')
})
