import type { ChangeContext } from '../context.js'
import type { Db } from '../db/database.js'
import type { PlanActionRow, PlanReview, PlanRow, PlanVersionReason } from '../db/tables/plan.table.js'
import { actionsOfPlan, insertPlanVersion } from './plan-version.repository.js'

const snapshot = (plan: PlanRow, actions: PlanActionRow[]) => ({
  kind: plan.kind,
  status: plan.status,
  ...plan.content,
  signedOff: plan.signedOff,
  actions: actions.map((a) => ({ id: a.id, what: a.what, who: a.who, dueOn: a.dueOn, doneAt: a.doneAt?.toISOString() ?? null })),
})

/** Keeps the plan as it now stands, with its actions, as its current version. */
export async function keepVersion(db: Db, ctx: ChangeContext, plan: PlanRow, reason: PlanVersionReason, review: PlanReview | null) {
  const actions = await actionsOfPlan(db, plan.id)
  await insertPlanVersion(
    db,
    { planId: plan.id, number: plan.currentVersion, reason, review: JSON.stringify(review), snapshot: JSON.stringify(snapshot(plan, actions)) },
    ctx.now,
  )
}
