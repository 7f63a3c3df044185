import type { Caller } from '../context.js'
import type { FamilyRow } from '../db/tables/family.table.js'
import { type FieldError, forbidden, invalidField, ProblemError } from '../http/problems.js'
import type { PresetPolicy } from '../sla/index.js'

const PLAN_NAMES: Record<string, string> = {
  none: 'no plan',
  early_help: 'an early help plan',
  child_in_need: 'a child in need plan',
  child_protection: 'a child protection plan',
  looked_after: 'a looked-after child plan',
}

/**
 * The eligibility rules of the team's preset a family does not meet, for a request for direct work
 * (000 §3: families at tiers 3 and 4; 000 §8: TRT's involvement is part of the family's social care plan,
 * CIN, LAC or CP). Consultations are not checked: specialists advise on cases at tiers 2 to 4 (000 §9).
 */
export function unmetEligibility(policy: PresetPolicy, family: Pick<FamilyRow, 'tier' | 'plan'>): FieldError[] {
  const rules = policy.eligibility
  if (!rules) return []
  const unmet: FieldError[] = []
  if (!rules.tiers.includes(family.tier))
    unmet.push({
      in: 'body',
      field: 'familyId',
      message: `tier: the family is at tier ${family.tier}; this service works with families at tiers ${rules.tiers.join(' and ')} (000 §3)`,
    })
  if (!rules.plans.includes(family.plan))
    unmet.push({
      in: 'body',
      field: 'familyId',
      message: `plan: the family has ${PLAN_NAMES[family.plan] ?? family.plan}; the work must be part of ${rules.plans.map((p) => PLAN_NAMES[p] ?? p).join(', or ')} (000 §8)`,
    })
  return unmet
}

const ruleOf = (error: FieldError) => error.message.slice(0, error.message.indexOf(':'))

/**
 * Checks a request for direct work against the preset's eligibility: one it does not meet is refused,
 * 422 `eligibility-not-met` naming each rule, unless a manager accepts it with a reason where the preset
 * allows that. Returns what to keep of an override: the reason and the rules it set aside.
 */
export function checkEligibility(
  caller: Caller,
  policy: PresetPolicy,
  family: Pick<FamilyRow, 'tier' | 'plan'>,
  override: { reason: string } | undefined,
): { reason: string; rules: string[] } | null {
  const unmet = unmetEligibility(policy, family)
  if (unmet.length === 0) {
    if (override) throw invalidField('eligibilityOverride', 'is only for a request outside the service’s eligibility; this family meets it')
    return null
  }
  if (!override) {
    const allowed = policy.eligibility?.managerOverride ? '; a manager may accept it with eligibilityOverride.reason' : ''
    throw new ProblemError('eligibility-not-met', `${unmet.map((e) => e.message).join('; ')}${allowed}`, unmet)
  }
  if (!policy.eligibility?.managerOverride) throw invalidField('eligibilityOverride', 'the team’s service allows no exception to its eligibility')
  if (caller.role !== 'manager' && caller.role !== 'admin') throw forbidden('Only a manager may accept a request outside the service’s eligibility')
  return { reason: override.reason, rules: unmet.map(ruleOf) }
}

/** A request for direct work names at least one target outcome where the preset asks for it (000 §6). */
export function assertTargetOutcomes(policy: PresetPolicy, kind: string, targetOutcomes: readonly string[] | undefined): void {
  if (policy.targetOutcomesRequired && kind === 'intervention' && (targetOutcomes ?? []).length === 0)
    throw invalidField('targetOutcomes', 'a request for direct work needs at least one target outcome (000 §6: a clear focus and identified target outcomes)')
}
