import type { Transaction } from 'kysely'
import type { ChangeContext } from '../context.js'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema.js'
import { recordEvents } from '../events/outbox.js'
import { currentMultiAgencyPlansOf, lockCurrentMultiAgencyPlanOf, updatePlanContent } from './plan-version.repository.js'
import { keepVersion } from './plan-version.service.js'

/** The working together agreement, danger statements and safety goals (000 §6, §8). */
export interface Safety {
  workingTogetherAgreement: string | null
  dangerStatements: string[]
  safetyGoals: string[]
}

const texts = (record: Record<string, unknown> | null, key: string) => {
  const value = record?.[key]
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

/** What a joint visit agreed; nothing where no joint visit is recorded. */
export function safetyOfJointVisit(visit: Record<string, unknown> | null): Safety {
  const agreement = visit?.workingTogetherAgreement
  return {
    workingTogetherAgreement: typeof agreement === 'string' ? agreement : null,
    dangerStatements: texts(visit, 'dangerStatements'),
    safetyGoals: texts(visit, 'safetyGoals'),
  }
}

const safetyOf = ({ workingTogetherAgreement, dangerStatements, safetyGoals }: Safety): Safety => ({ workingTogetherAgreement, dangerStatements, safetyGoals })

const same = (a: Safety, b: Safety) => JSON.stringify(safetyOf(a)) === JSON.stringify(safetyOf(b))

/** For each of the requests that has a multi-agency action plan, what its latest one says now. */
export async function currentPlanSafetyOf(db: Db, serviceRequestIds: string[]): Promise<Map<string, Safety>> {
  const plans = await currentMultiAgencyPlansOf(db, [...new Set(serviceRequestIds)])
  return new Map(plans.map((p) => [p.serviceRequestId, safetyOf(p.content)]))
}

/**
 * A joint visit recorded once the case has a multi-agency action plan: the plan, which holds the agreement,
 * takes what the visit agreed as a new version (the one before is kept), announced as `plan.revised`, so the
 * plan and the visit never disagree. Call it under the case's lock. Nothing changes where they already agree.
 */
export async function planTakesJointVisit(
  trx: Transaction<Database>,
  ctx: ChangeContext,
  visit: { serviceRequestId: string; allocationId: string; heldAt: Date; safety: Safety },
) {
  const plan = await lockCurrentMultiAgencyPlanOf(trx, visit.serviceRequestId)
  if (!plan || same(plan.content, visit.safety)) return
  const updated = await updatePlanContent(
    trx,
    plan.id,
    { content: { ...plan.content, ...visit.safety }, currentVersion: plan.currentVersion + 1, version: plan.version + 1, updatedByKeyId: ctx.caller.keyId },
    ctx.now,
  )
  await keepVersion(trx, ctx, updated, 'joint_visit', null)
  await recordEvents(trx, ctx, [
    {
      type: 'plan.revised',
      subjectType: 'plan',
      subjectId: plan.id,
      familyId: plan.familyId,
      teamId: plan.teamId,
      serviceRequestId: plan.serviceRequestId,
      occurredAt: visit.heldAt,
      data: { version: updated.currentVersion, reason: 'joint_visit', allocationId: visit.allocationId },
    },
  ])
}
