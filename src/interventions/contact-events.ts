import type { InterventionRow } from '../db/tables/intervention.table.js'
import type { EventType } from '../sla/index.js'
import type { WorkEvent } from '../sla-clocks/record-and-apply.js'
import { interventionWork } from './intervention.rules.js'

/** A contact's domain event, naming its intervention and the intervention's ancestors (subjects.ts). */
export function contactEvent(i: InterventionRow, contactId: string, type: EventType, occurredAt: Date, data: Record<string, unknown>): WorkEvent {
  const { work, parentSubjects } = interventionWork(i)
  return {
    type,
    subjectType: 'contact',
    subjectId: contactId,
    occurredAt,
    work,
    parentSubjects: [{ type: 'intervention', id: i.id }, ...parentSubjects],
    data,
  }
}
