import { type Kysely, sql } from 'kysely'

/**
 * The working together agreement, danger statements and safety goals are held by the multi-agency action
 * plan (000 §6, §8), or until there is one by the joint visit that agreed them; an intervention shows them
 * from there. Its own copies, taken from its allocation's joint visit when it started, go.
 *
 * Nothing is lost: a copy that is not exactly its allocation's joint visit (a row written by another path,
 * or an operator's SQL) is kept in `intervention_safety_copies` before the columns are dropped.
 *
 * A plan version may now be made by a joint visit held after the plan (`joint_visit`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE intervention_safety_copies (
      intervention_id uuid PRIMARY KEY REFERENCES interventions (id),
      working_together_agreement text,
      danger_statements jsonb NOT NULL,
      safety_goals jsonb NOT NULL,
      kept_at timestamptz NOT NULL DEFAULT now()
    );
    COMMENT ON TABLE intervention_safety_copies IS
      'Interventions'' own copies of the working together agreement, danger statements and safety goals that differed from their allocation''s joint visit when the copies were dropped (0017)';

    INSERT INTO intervention_safety_copies (intervention_id, working_together_agreement, danger_statements, safety_goals)
    SELECT i.id, i.working_together_agreement, i.danger_statements, i.safety_goals
      FROM interventions i
      JOIN allocations a ON a.id = i.allocation_id
     WHERE (i.working_together_agreement IS NOT NULL OR i.danger_statements <> '[]' OR i.safety_goals <> '[]')
       AND (a.joint_visit IS NULL
         OR jsonb_typeof(a.joint_visit) <> 'object'
         OR i.working_together_agreement IS DISTINCT FROM a.joint_visit->>'workingTogetherAgreement'
         OR i.danger_statements IS DISTINCT FROM a.joint_visit->'dangerStatements'
         OR i.safety_goals IS DISTINCT FROM a.joint_visit->'safetyGoals');

    ALTER TABLE interventions
      DROP COLUMN working_together_agreement,
      DROP COLUMN danger_statements,
      DROP COLUMN safety_goals;

    ALTER TABLE plan_versions DROP CONSTRAINT plan_versions_reason;
    ALTER TABLE plan_versions ADD CONSTRAINT plan_versions_reason CHECK (reason IN ('created', 'review', 'joint_visit'));
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
