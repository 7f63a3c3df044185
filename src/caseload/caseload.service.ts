import type { View } from '../context.js'
import type { Db } from '../db/database.js'
import { slaBlocksForSubjects } from '../sla-clocks/sla-blocks.js'

const OPEN = ['on_track', 'due_soon', 'overdue', 'paused']

/**
 * A practitioner's active families (their active allocations as the allocated worker, 000 §14; a family
 * with two requests allocated to them counts once towards the caseload), each
 * with the open clock due soonest over the allocation and its intervention, and the weekly contact.
 * Four queries whatever the caseload's size.
 */
export async function caseloadOf(db: Db, practitioner: { id: string; caseloadCapacity: number }, view: View) {
  const asOf = view.asOf
  const rows = await db
    .selectFrom('allocations')
    .innerJoin('families', 'families.id', 'allocations.familyId')
    .leftJoin('interventions', (join) => join.onRef('interventions.allocationId', '=', 'allocations.id').on('interventions.status', '<>', 'ended'))
    .select([
      'allocations.id as allocationId',
      'allocations.familyId',
      'allocations.serviceRequestId',
      'allocations.allocatedAt',
      'families.reference as familyReference',
      'interventions.id as interventionId',
      'interventions.status as interventionStatus',
      'interventions.startedAt',
    ])
    .where('allocations.practitionerId', '=', practitioner.id)
    .where('allocations.status', '=', 'active')
    .orderBy('allocations.allocatedAt')
    .execute()
  const interventionIds = rows.flatMap((r) => (r.interventionId ? [r.interventionId] : []))
  const blocks = await slaBlocksForSubjects(db, [...rows.map((r) => r.allocationId), ...interventionIds], view)
  const lastContacts = new Map(
    interventionIds.length === 0
      ? []
      : (
          await db
            .selectFrom('interventionContacts')
            .select(['interventionId', (eb) => eb.fn.max('occurredAt').as('last')])
            .where('interventionId', 'in', interventionIds)
            .where('occurredAt', '<=', asOf)
            .groupBy('interventionId')
            .execute()
        ).map((r) => [r.interventionId, r.last as Date]),
  )
  const items = rows.map((r) => {
    const clocks = [...blocks.get(r.allocationId)!.clocks, ...(r.interventionId ? blocks.get(r.interventionId)!.clocks : [])]
      .filter((c) => OPEN.includes(c.status))
      .sort((a, b) => new Date(a.dueAt).getTime() - new Date(b.dueAt).getTime())
    const weekly = clocks.find((c) => c.standard === 'weekly-contact')
    return {
      familyId: r.familyId,
      familyReference: r.familyReference,
      allocationId: r.allocationId,
      serviceRequestId: r.serviceRequestId,
      allocatedAt: r.allocatedAt,
      interventionId: r.interventionId,
      interventionStatus: r.interventionStatus as 'active' | 'suspended' | null,
      startedAt: r.startedAt,
      nextDue: clocks.find((c) => c.status !== 'paused') ?? clocks[0] ?? null,
      weeklyContact: {
        status: (weekly?.status ?? 'not_started') as 'on_track' | 'due_soon' | 'overdue' | 'paused' | 'not_started',
        onTrack: !weekly || !['overdue', 'due_soon'].includes(weekly.status),
        lastContactAt: r.interventionId ? (lastContacts.get(r.interventionId) ?? null) : null,
        dueDate: weekly?.dueDate ?? null,
      },
    }
  })
  return {
    practitionerId: practitioner.id,
    asOf,
    caseloadCapacity: practitioner.caseloadCapacity,
    activeFamilies: new Set(items.map((i) => i.familyId)).size,
    items,
  }
}
