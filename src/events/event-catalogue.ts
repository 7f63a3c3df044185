import { EVENT_TYPES, type EventType } from '../sla/event-types.js'

/**
 * Every stable event type the feed and webhooks carry. The clock-driving domain events come from the SLA
 * engine's list; these are the others. A type, once published, keeps its name and meaning.
 */
export const OTHER_EVENT_TYPES = [
  'team.created',
  'team.updated',
  // A request's details were corrected (focus, outcomes, requester): not a step of its lifecycle.
  'service-request.updated',
  'api-key.created',
  'api-key.revoked',
  'practitioner.created',
  'practitioner.updated',
  'family.created',
  'family.updated',
  'calendar.created',
  'calendar.closure-added',
  'calendar.closure-removed',
  'bank-holidays.imported',
  'escalation.step-recorded',
  'escalation.step-up-outcome-recorded',
  // A clock's due instant passed while it was open; announced once, by a job, soon after.
  'sla-clock.overdue',
  // A clock's due date moved: a calendar change, or a resumed suspension.
  'sla-clock.due-date-moved',
  'sla-clock.breach-actioned',
  'sla-clock.late-reason-recorded',
  'webhook.created',
  'webhook.updated',
  'webhook.secret-rotated',
  'webhook.disabled',
  'webhook.deleted',
  'webhook.replayed',
  // A family's decision about consent (given, refused, withdrawn) was recorded (000 §8; 002; 004).
  'consent.recorded',
  // A panel or allocation meeting was held (001 §3; 000 §8), and what it decided for one request.
  'panel.held',
  'panel.request-decided',
  // A family's plan was made, reviewed (a new version) or signed off (000, 001, 002, 004); revised: it took
  // what a joint visit held after it agreed (a new version, 000 §8).
  'plan.created',
  'plan.reviewed',
  'plan.signed-off',
  'plan.revised',
] as const

/** Every event type the outbox may record: the compiler refuses an event of any other type. */
export type CatalogueEventType = EventType | (typeof OTHER_EVENT_TYPES)[number]

export const EVENT_CATALOGUE: readonly CatalogueEventType[] = [...new Set<CatalogueEventType>([...EVENT_TYPES, ...OTHER_EVENT_TYPES])]

const listed = EVENT_CATALOGUE.map((t) => `\`${t}\``).join(', ')
export const eventTypesDescription = `Stable event types: ${listed}. New types may be added; a type is never renamed.`
