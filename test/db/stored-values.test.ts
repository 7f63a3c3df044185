import { sql } from 'kysely'
import t from 'tap'
import { up } from '../../migrations/0012_stored_values_fit_the_contract.js'
import { CONSULTATION_STATUSES } from '../../src/db/tables/consultation.table.js'
import { DISAGREEMENT_LEVELS } from '../../src/db/tables/escalation.table.js'
import { PLANS } from '../../src/db/tables/family.table.js'
import { PLAN_KINDS, PLAN_STATUSES, PLAN_VERSION_REASONS } from '../../src/db/tables/plan.table.js'
import { PRACTITIONER_ROLES, SPECIALISMS } from '../../src/db/tables/practitioner.table.js'
import { REQUEST_KINDS, REQUEST_STATUSES, ROUTES } from '../../src/db/tables/service-request.table.js'
import { TARGET_UNITS } from '../../src/sla/standard.schema.js'
import { buildTestApp } from '../helpers/app.js'
import { aFamily, aServiceRequest, aTeam } from '../helpers/builders.js'

/** Each closed set of the response schemas, and the check that holds the database to it. */
const SETS: Record<string, readonly string[]> = {
  families_plan: PLANS,
  service_requests_kind: REQUEST_KINDS,
  service_requests_route: ROUTES,
  service_requests_status: REQUEST_STATUSES,
  practitioners_role: PRACTITIONER_ROLES,
  practitioners_specialism: SPECIALISMS,
  allocations_status: ['active', 'ended'],
  consultations_status: CONSULTATION_STATUSES,
  consultations_specialism: SPECIALISMS,
  escalations_level: DISAGREEMENT_LEVELS,
  plans_kind: PLAN_KINDS,
  plans_status: PLAN_STATUSES,
  plan_versions_reason: PLAN_VERSION_REASONS,
  sla_clocks_target_unit: TARGET_UNITS,
}

t.test('the database holds stored values to what the responses require', async (t) => {
  const api = await buildTestApp(t)
  const { rows } = await sql<{ name: string; def: string }>`
    SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE contype = 'c'`.execute(api.db)
  const defs = new Map(rows.map((r) => [r.name, r.def]))
  for (const [name, values] of Object.entries(SETS)) {
    const allowed = [...(defs.get(name) ?? '').matchAll(/'([^']+)'::text/g)].map((m) => m[1]).sort()
    t.same(allowed, [...values].sort(), `${name} allows exactly the values of the schema`)
  }

  const team = await aTeam(api)
  const family = await aFamily(api, team.id)
  const request = await aServiceRequest(api, family.id, team.id)
  const refused = async (what: string, change: Promise<unknown>) => {
    const error = await change.then(
      () => null,
      (e: { code?: string }) => e,
    )
    t.equal(error?.code, '23514', `${what} is refused by a check`)
  }
  await refused(
    'a lead professional role the API would not take',
    sql`UPDATE families SET lead_professional = '{"name":"Jo","role":"Social Worker"}' WHERE id = ${family.id}`.execute(api.db),
  )
  await refused('a plan outside the set', sql`UPDATE families SET plan = 'other' WHERE id = ${family.id}`.execute(api.db))
  await refused('a member role outside the set', sql`UPDATE families SET members = '[{"role":"uncle"}]' WHERE id = ${family.id}`.execute(api.db))
  await refused(
    'a requester role the API would not take',
    sql`UPDATE service_requests SET requested_by = '{"name":"Jo","role":"Social worker"}' WHERE id = ${request.id}`.execute(api.db),
  )
  await refused('a request status outside the set', sql`UPDATE service_requests SET status = 'lost' WHERE id = ${request.id}`.execute(api.db))
  const listed = await api.call({ method: 'GET', url: '/families' })
  t.equal(listed.statusCode, 200, 'the families still read')
})

t.test('the migration rewrites roles stored in another form before it checks them', async (t) => {
  const api = await buildTestApp(t)
  const team = await aTeam(api)
  const family = await aFamily(api, team.id)
  const request = await aServiceRequest(api, family.id, team.id)
  const names = Object.keys(SETS).concat(['families_lead_professional', 'families_member_roles', 'service_requests_requested_by'])
  for (const name of names) {
    const table = name.startsWith('plan_versions')
      ? 'plan_versions'
      : name.startsWith('service_requests')
        ? 'service_requests'
        : name.startsWith('sla_clocks')
          ? 'sla_clocks'
          : name.split('_')[0]
    await sql`ALTER TABLE ${sql.table(table)} DROP CONSTRAINT ${sql.ref(name)}`.execute(api.db)
  }
  await sql`UPDATE families SET lead_professional = '{"name":"Jo","role":"Social Worker (CIN)"}' WHERE id = ${family.id}`.execute(api.db)
  await sql`UPDATE service_requests SET requested_by = '{"name":"Jo","role":"Health-Visitor"}' WHERE id = ${request.id}`.execute(api.db)
  await up(api.db as unknown as Parameters<typeof up>[0])
  const read = await api.call({ method: 'GET', url: `/families/${family.id}` })
  t.equal(read.statusCode, 200)
  t.equal(read.json().leadProfessional.role, 'social_worker_cin')
  t.equal((await api.call({ method: 'GET', url: `/service-requests/${request.id}` })).json().requestedBy.role, 'health_visitor')
})
