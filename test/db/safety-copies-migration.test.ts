import { sql } from 'kysely'
import t from 'tap'
import { up } from '../../migrations/0017_safety_agreement_held_by_the_plan.js'
import { buildTestApp } from '../helpers/app.js'
import { anAllocatedCase, anIntervention } from '../helpers/builders.js'

t.test('dropping the interventions’ copies of the agreement keeps any copy that is not its joint visit (0017)', async (t) => {
  const api = await buildTestApp(t)
  const visit = { heldAt: '2026-12-30T10:00:00Z', workingTogetherAgreement: 'Weekly visits', dangerStatements: ['D'], safetyGoals: ['S'] }
  const copied = await anAllocatedCase(api, { allocatedAt: '2026-12-24T09:00:00Z' })
  t.equal((await api.call({ method: 'POST', url: `/allocations/${copied.allocation.id}/joint-visit`, payload: visit })).statusCode, 200)
  const asCopied = await anIntervention(api, copied.allocation.id, '2027-01-02T10:00:00Z')
  const other = await anAllocatedCase(api, { allocatedAt: '2026-12-24T09:00:00Z' })
  const written = await anIntervention(api, other.allocation.id, '2027-01-02T10:00:00Z')
  const empty = await anIntervention(api, (await anAllocatedCase(api, { allocatedAt: '2026-12-24T09:00:00Z' })).allocation.id, '2027-01-02T10:00:00Z')

  // The schema as it stood before 0017, with the copies its code wrote, and one written by another path.
  await sql`
    DROP TABLE intervention_safety_copies;
    ALTER TABLE plan_versions DROP CONSTRAINT plan_versions_reason;
    ALTER TABLE plan_versions ADD CONSTRAINT plan_versions_reason CHECK (reason IN ('created', 'review'));
    ALTER TABLE interventions
      ADD COLUMN working_together_agreement text,
      ADD COLUMN danger_statements jsonb NOT NULL DEFAULT '[]',
      ADD COLUMN safety_goals jsonb NOT NULL DEFAULT '[]';
  `.execute(api.db)
  await sql`UPDATE interventions SET working_together_agreement = 'Weekly visits', danger_statements = '["D"]', safety_goals = '["S"]' WHERE id = ${asCopied.id}`.execute(
    api.db,
  )
  await sql`UPDATE interventions SET working_together_agreement = 'Typed in by hand', safety_goals = '["Kept"]' WHERE id = ${written.id}`.execute(api.db)

  await up(api.db as unknown as Parameters<typeof up>[0])

  const { rows } = await sql<Record<string, unknown>>`
    SELECT intervention_id, working_together_agreement, danger_statements, safety_goals FROM intervention_safety_copies`.execute(api.db)
  t.same(rows, [{ interventionId: written.id, workingTogetherAgreement: 'Typed in by hand', dangerStatements: [], safetyGoals: ['Kept'] }])
  t.notOk(
    rows.some((r) => r.interventionId === empty.id || r.interventionId === asCopied.id),
    'copies that are the joint visit, or empty, are not kept',
  )
  const { rows: columns } = await sql`
    SELECT column_name FROM information_schema.columns WHERE table_name = 'interventions' AND column_name IN ('working_together_agreement', 'danger_statements', 'safety_goals')`.execute(
    api.db,
  )
  t.same(columns, [], 'the copies are gone from interventions')
  t.match((await api.call({ method: 'GET', url: `/interventions/${asCopied.id}` })).json(), { workingTogetherAgreement: 'Weekly visits', safetyGoals: ['S'] })
})
