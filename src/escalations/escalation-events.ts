import type { EscalationRow } from '../db/tables/escalation.table.js'
import type { CatalogueEventType } from '../events/event-catalogue.js'
import type { WorkEvent } from '../sla-clocks/record-and-apply.js'
import type { DISAGREEMENT_LEVELS } from './escalation.schemas.js'

type Level = (typeof DISAGREEMENT_LEVELS)[number]

/** The domain event for reaching a level of the ladder; the clock starts at the discussion and stops when it goes up. */
export const LEVEL_EVENTS: Record<Level, CatalogueEventType> = {
  practitioner: 'escalation.step-recorded',
  senior_practitioner: 'escalation.step-recorded',
  social_care_discussion: 'escalation.senior-discussion-held',
  service_manager: 'escalation.raised-to-service-manager',
}

/** An escalation's domain event, filed under its family and team. */
export const escalationEvent = (
  e: Pick<EscalationRow, 'id' | 'familyId' | 'teamId'>,
  type: CatalogueEventType,
  occurredAt: Date,
  data: Record<string, unknown> = {},
): WorkEvent => ({
  type,
  subjectType: 'escalation',
  subjectId: e.id,
  occurredAt,
  work: { familyId: e.familyId, teamId: e.teamId },
  data,
})

/** The events of raising an escalation: what was raised and, for a disagreement, the level it starts at. */
export function raisedEvents(e: EscalationRow, raisedAt: Date): WorkEvent[] {
  switch (e.kind) {
    case 'disagreement': {
      const events = [escalationEvent(e, 'escalation.raised', raisedAt, { subject: e.subject, level: e.level })]
      if (e.level && LEVEL_EVENTS[e.level] !== 'escalation.step-recorded') events.push(escalationEvent(e, LEVEL_EVENTS[e.level], raisedAt, { level: e.level }))
      return events
    }
    case 'step_up':
      return [escalationEvent(e, 'escalation.stepped-up', raisedAt, { leadProfessionalRole: e.leadProfessional?.role })]
    case 'step_down':
      return [escalationEvent(e, 'escalation.stepped-down', raisedAt, { leadProfessionalRole: e.leadProfessional?.role })]
    case 'safeguarding_concern':
      return [escalationEvent(e, 'escalation.safeguarding-incident-identified', raisedAt)]
  }
}
