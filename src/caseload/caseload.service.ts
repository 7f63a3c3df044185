import type { View } from '../context.js'
import type { Db } from '../db/database.js'
import type { InterventionStatus } from '../db/tables/intervention.table.js'
import type { ClockStatus, ClockView } from '../sla/index.js'
import { slaBlocksForSubjects } from '../sla-clocks/sla-blocks.js'
import { activeAllocationsOf, lastContactsOf } from './caseload.repository.js'
import type { WeeklyContactState } from './caseload.schemas.js'

const OPEN = ['on_track', 'due_soon', 'overdue', 'paused'] as const
const OPEN_STATUSES: ReadonlySet<ClockStatus> = new Set(OPEN)
const isOpen = (clock: ClockView): clock is ClockView & { status: (typeof OPEN)[number] } => OPEN_STATUSES.has(clock.status)
/** The caseload's interventions are the open ones (the query leaves ended ones out). */
const openStatus = (status: InterventionStatus | null) => (status === 'ended' ? null : status)

/**
 * A practitioner's active families (their active allocations as the allocated worker, 000 §14; a family
 * with two requests allocated to them counts once towards the caseload), each
 * with the open clock due soonest over the allocation and its intervention, and the weekly contact.
 * Four queries whatever the caseload's size.
 */
export async function caseloadOf(db: Db, practitioner: { id: string; caseloadCapacity: number }, view: View) {
  const asOf = view.asOf
  const rows = await activeAllocationsOf(db, practitioner.id)
  const interventionIds = rows.flatMap((r) => (r.interventionId ? [r.interventionId] : []))
  const blocks = await slaBlocksForSubjects(db, [...rows.map((r) => r.allocationId), ...interventionIds], view)
  const lastContacts = await lastContactsOf(db, interventionIds, asOf)
  const clocksOf = (subjectId: string | null) => (subjectId ? (blocks.get(subjectId)?.clocks ?? []) : [])
  const items = rows.map((r) => {
    const clocks = [...clocksOf(r.allocationId), ...clocksOf(r.interventionId)]
      .filter(isOpen)
      .sort((a, b) => new Date(a.dueAt).getTime() - new Date(b.dueAt).getTime())
    const weekly = clocks.find((c) => c.standard === 'weekly-contact')
    const weeklyStatus: WeeklyContactState = weekly?.status ?? 'not_started'
    return {
      familyId: r.familyId,
      familyReference: r.familyReference,
      allocationId: r.allocationId,
      serviceRequestId: r.serviceRequestId,
      allocatedAt: r.allocatedAt,
      interventionId: r.interventionId,
      interventionStatus: openStatus(r.interventionStatus),
      startedAt: r.startedAt,
      nextDue: clocks.find((c) => c.status !== 'paused') ?? clocks[0] ?? null,
      weeklyContact: {
        status: weeklyStatus,
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
