import type { EscalationRow } from '../db/tables/escalation.table.js'
import { invalidField } from '../http/problems.js'

export interface ParentsInformedInput {
  parentsInformed?: boolean
  parentsNotInformedReason?: string
}
type ParentsInformed = Pick<EscalationRow, 'parentsInformed' | 'parentsNotInformedReason'>

/**
 * 004 §7: parents, carers and children old enough are always told before a contact to children's social
 * care about significant harm, unless telling them would increase the risk of harm to the child; when they
 * were not told, the reason is recorded. 400 naming the field otherwise.
 */
export function parentsInformed(input: ParentsInformedInput, recorded: ParentsInformed | null): ParentsInformed {
  const informed = input.parentsInformed ?? recorded?.parentsInformed ?? null
  const reason = input.parentsNotInformedReason ?? (input.parentsInformed === undefined ? (recorded?.parentsNotInformedReason ?? null) : null)
  if (informed === false && reason === null)
    throw invalidField('parentsNotInformedReason', 'is required when the parents were not told before the contact to social care (004 §7)')
  if (informed !== false && input.parentsNotInformedReason !== undefined)
    throw invalidField('parentsNotInformedReason', 'is only for a contact made without telling the parents (parentsInformed: false)')
  return { parentsInformed: informed, parentsNotInformedReason: informed === false ? reason : null }
}

/** Before the contact to the hub, whether the parents were told is known (004 §7). */
export function parentsInformedBeforeHubContact(input: ParentsInformedInput, current: EscalationRow): ParentsInformed {
  const fields = parentsInformed(input, current)
  if (fields.parentsInformed === null) throw invalidField('parentsInformed', 'is required before the contact to the hub: were the parents told first? (004 §7)')
  return fields
}
