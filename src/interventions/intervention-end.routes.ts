import { action, type RouteRegistration, WORKERS } from './intervention-action.js'
import { endIntervention, recordBaselineFollowUp } from './intervention-end.service.js'
import { BaselineFollowUpCreateSchema, EndSchema } from './intervention-steps.schemas.js'

/** The ending with its summary of work, and the baseline follow-up 6 months later. */
export const interventionEndRoutes: RouteRegistration[] = [
  action({
    path: 'end',
    operationId: 'endIntervention',
    summary: 'End the intervention with the summary of work',
    access: WORKERS,
    body: EndSchema,
    run: endIntervention,
    description:
      'Requires the summary of work: `summary`, `progress` towards the agreed outcomes, the child’s views (`childViews`) and `onwardSupport` (400 naming each missing field). Stops or cancels the intervention’s clocks per the preset; the final audit clock stays open until the final audit is recorded (send `finalAudit` to record it with the ending). Ends the allocation and the request, and sets `followUpDueOn`, 6 months later, for the baseline measures. Level 3 needs the final meeting first (422).',
  }),
  action({
    path: 'baseline-follow-up',
    operationId: 'recordBaselineFollowUp',
    summary: 'Record the baseline measures at the 6-month follow-up',
    access: WORKERS,
    body: BaselineFollowUpCreateSchema,
    run: recordBaselineFollowUp,
    description: 'Once, on or after `followUpDueOn`: whether each baseline measure was achieved.',
  }),
]
