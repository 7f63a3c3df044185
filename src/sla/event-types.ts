import { isSubjectType, type SubjectType } from './subjects.js'

/**
 * The domain events that start, stop, pause, resume or cancel clocks. The part before the dot is the
 * subject the event is about (`service-request` → `service_request`); the event also names its
 * subject's ancestors (see subjects.ts), so `contact.occurred` on a contact can stop its intervention's
 * `weekly-contact` clock. Route handlers record these; presets refer to them by name.
 */
export const EVENT_TYPES = [
  // A request for service arrived, with the family's consent recorded (000 §8; 001 §2).
  'service-request.received',
  // The request was screened and accepted: by the locality team (002), the MASH and panel (001 §3).
  'service-request.accepted',
  // The request was declined; the requester is told the outcome (000 §8).
  'service-request.declined',
  // The request was returned to the requester as inappropriate or incomplete (000 §8).
  'service-request.returned',
  // The requester withdrew the request before it was decided or allocated.
  'service-request.withdrawn',
  // The request was allocated to a practitioner, co-ordinator or family support worker (000 §8; 001 §3; 002).
  'service-request.allocated',
  // The request was ended, e.g. for no planning progress within 10 working days (000 §8).
  'service-request.ended',

  // An allocation was made; its parent is the request (000 §8).
  'allocation.created',
  // The case discussion between the TRT worker(s) and the social worker took place (000 §8).
  'allocation.case-discussion-held',
  // The joint visit with the social worker took place, scoping the working together agreement (000 §8).
  'allocation.joint-visit-held',
  // The family support worker's initial home visit took place; consent is obtained at it (002).
  'allocation.initial-visit-held',
  // The family support co-ordinator signed off the plan (002).
  'allocation.plan-signed-off',
  // The allocation ended (the practitioner came off the case, or the request ended).
  'allocation.ended',

  // A specialist consultation or case discussion took place (000 §9).
  'consultation.held',
  // The specialist recorded the consultation on the case record (000 §9).
  'consultation.recorded',
  // The social worker discussed the recommendations with their supervisor (000 §9).
  'consultation.supervisor-discussed',

  // Direct work with the family began; parents: the allocation and the request (000 §6).
  'intervention.started',
  // A review of the intervention was held (000 §6; 001 §3).
  'intervention.review-held',
  // The family's consent was extended past the first 3 months, to at most 6 in all (000 §1); names the date.
  'intervention.consent-extended',
  // The family consented again after their consent had lapsed; names the date it runs to (000 §1).
  'intervention.consent-renewed',
  // The first casework audit, within 4 weeks of the intervention beginning, was recorded (000 §10).
  'intervention.first-audit-recorded',
  // The casework audit at the 3-month stage was recorded (000 §10).
  'intervention.three-month-audit-recorded',
  // The final casework audit, at 6 months or at the end, was recorded (000 §10).
  'intervention.final-audit-recorded',
  // Joint supervision with the lead professional was held (000 §11).
  'intervention.joint-supervision-held',
  // The first Team Around the Family meeting was held (002; 001 §4).
  'intervention.first-meeting-held',
  // A Team Around the Family review was held (002).
  'intervention.taf-review-held',
  // The co-ordinator's assurance for a family open 5 months was recorded (002).
  'intervention.five-month-check-held',
  // The final TAF meeting, required before closure, was held (002); no clock of its own.
  'intervention.final-meeting-held',
  // The intervention was suspended, e.g. during a Section 47 enquiry: pauses its pausable clocks (003).
  'intervention.suspended',
  // The suspended intervention resumed: its paused clocks run again, due dates moved (003).
  'intervention.resumed',
  // The intervention ended, with the summary of work (000 §6).
  'intervention.ended',

  // A contact with the family took place; its parent is the intervention (000 §13, §14).
  'contact.occurred',
  // The contact was recorded on the case record (000 §13).
  'contact.recorded',

  // A practitioner raised a disagreement with their senior practitioner (000 §15, step 1); no clock of its own.
  'escalation.raised',
  // The senior practitioner discussed it with social care's senior practitioner or team manager (000 §15, step 2).
  'escalation.senior-discussion-held',
  // The unresolved disagreement was raised with the service manager or head of service (000 §15, step 3).
  'escalation.raised-to-service-manager',
  // The disagreement was resolved without a final decision.
  'escalation.resolved',
  // The head of service made and recorded the final decision (000 §15, step 4).
  'escalation.final-decision',
  // The escalation was withdrawn by whoever raised it.
  'escalation.withdrawn',
  // A significant safeguarding incident requiring immediate action was identified (000 §11.1).
  'escalation.safeguarding-incident-identified',
  // The incident was raised with a children's services manager (000 §11.1).
  'escalation.raised-with-manager',
  // A practitioner telephoned the safeguarding hub (EHASH) with a child protection concern (004 §2, §7).
  'escalation.hub-contacted-by-phone',
  // A practitioner contacted the safeguarding hub (EHASH) in writing (004 §7).
  'escalation.hub-contacted-in-writing',
  // The written follow-up of a telephone contact to the hub was sent (004 §2).
  'escalation.written-follow-up-sent',
  // The hub told the practitioner who made the contact its outcome (004 §7).
  'escalation.feedback-given',
  // The case was stepped up to children's social care (004 §9; 002); no clock of its own.
  'escalation.stepped-up',
  // The case was stepped down from children's social care to early help (004 §8); no clock of its own.
  'escalation.stepped-down',

  // A request for a specialist consultation arrived: answered by a consultation, never allocated (000 §9).
  'service-request.consultation-requested',
  // The request's allocation ended without the request ending (the practitioner left or moved): it returns
  // to accepted, to be allocated again (000 §8; 002).
  'service-request.reallocation-needed',
  // The family withdrew their consent to the service: the intervention's work stops, every open clock of it
  // closed by the verdict rules (cancelled before due, missed after) (000 §1; 004).
  'intervention.consent-withdrawn',
  // An action was added to a plan (what, who, by when); its parents: the plan and the request (001, 002, 004, 000).
  'plan-action.added',
  // A plan's action was done.
  'plan-action.done',
  // A step-up's outcome was a formal contact to the safeguarding hub (004 §7, §9): its feedback is awaited.
  'escalation.stepped-up-to-hub',
  // An assessment began: the Early Help Assessment (004 §3.2) or the Level 3 assessment (002); parents: the
  // allocation and the request.
  'assessment.started',
  // The assessment was completed, with whom it was done and the needs found (002; 004 §3.2).
  'assessment.completed',
  // The baseline measures were checked, 6 months after the intervention ended (000 Appendix 2).
  'intervention.baseline-follow-up-recorded',
  // The practitioner's case supervision was held (000 §11: the service's supervision policy).
  'practitioner.case-supervision-held',
  // The specialist's quarterly three-way meeting with their TRT supervisor and clinical supervisor was held (000 §11.1).
  'practitioner.clinical-supervision-meeting-held',
  // The practitioner's direct work was observed by their supervisor (000 §11: every 6 months).
  'practitioner.practice-observed',
] as const

export type EventType = (typeof EVENT_TYPES)[number]

/** Suspension pauses, and resumption resumes, the pausable clocks of the suspended subject (003). */
export const PAUSE_EVENT: EventType = 'intervention.suspended'
export const RESUME_EVENT: EventType = 'intervention.resumed'

/**
 * Events that close every open clock of their own subject, whatever its standard lists: the work they
 * were measuring stopped (a clock closed by its due instant is cancelled, after it missed).
 */
export const CLOSE_ALL_EVENTS: readonly EventType[] = ['intervention.consent-withdrawn']

/** Events that name a date of their own (`until`), which a `date_given` target is due on. */
export const DATED_EVENTS: readonly EventType[] = ['intervention.consent-extended', 'intervention.consent-renewed', 'plan-action.added']

export const isEventType = (value: string): value is EventType => (EVENT_TYPES as readonly string[]).includes(value)

/** The subject an event type is about: the part before the dot, in snake case. */
export function eventSubjectType(type: EventType): SubjectType {
  const subject = type.slice(0, type.indexOf('.')).replaceAll('-', '_')
  if (!isSubjectType(subject)) throw new TypeError(`Event type ${type} names no known subject`)
  return subject
}
