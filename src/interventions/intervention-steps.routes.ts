import { action, MANAGERS, type RouteRegistration, WORKERS } from './intervention-action.js'
import { extendConsent, renewConsent } from './intervention-consent.service.js'
import {
  AuditCreateSchema,
  ConsentExtensionCreateSchema,
  ConsentRenewalCreateSchema,
  DurationExceptionCreateSchema,
  FamilyFeedbackCreateSchema,
  FiveMonthCheckCreateSchema,
  JointSupervisionCreateSchema,
  MeetingCreateSchema,
  ResumeSchema,
  ReviewCreateSchema,
  SuspendSchema,
} from './intervention-steps.schemas.js'
import { recordAudit, recordFamilyFeedback, recordFiveMonthCheck, recordJointSupervision, recordMeeting, recordReview } from './intervention-steps.service.js'
import { recordDurationException, resumeIntervention, suspendIntervention } from './intervention-suspension.service.js'

/** The steps of the work while it runs: reviews, consent, audits, supervision, meetings, suspension. */
export const interventionStepRoutes: RouteRegistration[] = [
  action({
    path: 'reviews',
    operationId: 'recordInterventionReview',
    summary: 'Record a review',
    access: WORKERS,
    body: ReviewCreateSchema,
    run: recordReview,
    description:
      'Stops the initial-review clock (and Targeted Help’s first review). `continue` is recorded by practitioners; `extend` (with `extendedUntil`) and `end` are managers’ decisions (403 otherwise). Extending past the maximum duration (6 months plus any suspension) needs a recorded duration exception (422 naming `extendedUntil`). A decision to end is followed by the ending with its summary.',
  }),
  action({
    path: 'consent-extension',
    operationId: 'extendInterventionConsent',
    summary: 'Extend the family’s consent',
    access: MANAGERS,
    body: ConsentExtensionCreateSchema,
    run: extendConsent,
    description:
      'Managers. Once only (409 the second time), while consent still runs (409 `consent-lapsed` after it), to a date after the initial 3 months and at most 6 months from the start (422 naming `until`). Stops the consent-period clock and starts the extended-consent clock, due on `until`.',
  }),
  action({
    path: 'consent-renewal',
    operationId: 'renewInterventionConsent',
    summary: 'Record the family’s renewed consent',
    access: MANAGERS,
    body: ConsentRenewalCreateSchema,
    run: renewConsent,
    description:
      'Managers. Only after consent has lapsed (409 before: extend it instead). The work may continue to `until`, no later than the latest the intervention may run to. Stops the lapsed consent’s clock (late) and starts one due on `until`.',
  }),
  action({
    path: 'audits',
    operationId: 'recordInterventionAudit',
    summary: 'Record a casework audit',
    access: WORKERS,
    body: AuditCreateSchema,
    run: recordAudit,
    description:
      'The first (within 4 weeks), three-month and final audits (000 §10), each once; each stops its clock. The final audit may be recorded after the ending. With its content: the aspects looked at, each graded with its finding, the overall grade and the actions.',
  }),
  action({
    path: 'family-feedback',
    operationId: 'recordFamilyFeedback',
    summary: 'Record the family’s feedback on the work',
    access: WORKERS,
    body: FamilyFeedbackCreateSchema,
    run: recordFamilyFeedback,
    description:
      'Feedback and evaluation from the family (000 §6, §10), usually at the end of the work and also after it; each is kept in `familyFeedback`, and the monthly outcome report counts those received in the month.',
  }),
  action({
    path: 'joint-supervisions',
    operationId: 'recordJointSupervision',
    summary: 'Record joint supervision with the lead professional',
    access: WORKERS,
    body: JointSupervisionCreateSchema,
    run: recordJointSupervision,
    description: 'At 3 and 6 months (000 §11): each stops the joint-supervision clock and starts the next.',
  }),
  action({
    path: 'meetings',
    operationId: 'recordInterventionMeeting',
    summary: 'Record a Team Around the Family meeting',
    access: WORKERS,
    body: MeetingCreateSchema,
    run: recordMeeting,
    description:
      'Level 3 (document 002): the first meeting starts the 8-weekly TAF review clock, each review starts the next, and the final meeting must be held before the case is closed.',
  }),
  action({
    path: 'five-month-check',
    operationId: 'recordFiveMonthCheck',
    summary: 'Record the five-month assurance check',
    access: MANAGERS,
    body: FiveMonthCheckCreateSchema,
    run: recordFiveMonthCheck,
    description: 'Managers (the co-ordinator). Level 3: families open 5 months are checked to be active and purposeful.',
  }),
  action({
    path: 'suspend',
    operationId: 'suspendIntervention',
    summary: 'Suspend the intervention',
    access: MANAGERS,
    body: SuspendSchema,
    run: suspendIntervention,
    description:
      'Managers. E.g. during a Section 47 enquiry (document 003). Pauses the pausable clocks (TRT: initial review, maximum duration, weekly contact); the others keep running.',
  }),
  action({
    path: 'resume',
    operationId: 'resumeIntervention',
    summary: 'Resume a suspended intervention',
    access: MANAGERS,
    body: ResumeSchema,
    run: resumeIntervention,
    description: 'Managers. The paused clocks run again, their due dates moved by the working days paused (each move is a `sla-clock.due-date-moved` event).',
  }),
  action({
    path: 'duration-exception',
    operationId: 'recordDurationException',
    summary: 'Record an exception to work past 6 months',
    access: MANAGERS,
    body: DurationExceptionCreateSchema,
    run: recordDurationException,
    description:
      'Managers. Allows reviews to extend the work past the maximum duration, to `until`. The maximum-duration clock keeps its verdict: the exception is the recorded reason.',
  }),
]
