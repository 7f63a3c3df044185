/** Examples of the service request schemas, for the reference page and the SDK (validated against their schemas by a test). */

import { leadProfessional } from '../families/family.examples.js'
import { FAMILY, REQUEST, TEAM } from '../schema/example-ids.js'
import { slaBlock } from '../sla-clocks/sla-clock.examples.js'

export const serviceRequestCreate = {
  familyId: FAMILY,
  teamId: TEAM,
  kind: 'intervention',
  route: 'casework_supervision',
  focus: 'Support with morning routines and school attendance',
  targetOutcomes: ['Sam attends school every day', 'Mornings are calm and on time'],
  requestedBy: leadProfessional,
  consent: { given: true, recordedAt: '2026-12-22T15:00:00Z', recordedBy: 'Jo Patel' },
  receivedAt: '2026-12-23T10:00:00Z',
  externalRefs: [{ system: 'mosaic', value: 'R-55120' }],
}

export const decisionCreate = {
  decision: 'accepted',
  decidedAt: '2026-12-24T11:30:00Z',
  decidedBy: 'Priya Shah',
  reason: 'Tier 3, child in need; family consent recorded',
}

/** The request above, accepted at screening and waiting for allocation. */
export const serviceRequest = {
  ...serviceRequestCreate,
  id: REQUEST,
  consent: { ...serviceRequestCreate.consent, recordedAt: '2026-12-22T15:00:00.000Z' },
  eligibilityOverride: null,
  receivedAt: '2026-12-23T10:00:00.000Z',
  status: 'accepted',
  decision: { ...decisionCreate, decidedAt: '2026-12-24T11:30:00.000Z' },
  endedReason: null,
  endedAt: null,
  panelId: null,
  sla: slaBlock,
  createdAt: '2026-12-23T10:02:41.207Z',
  updatedAt: '2026-12-24T11:30:04.552Z',
  version: 2,
}

export const SERVICE_REQUEST_EXAMPLES: Record<string, unknown> = {
  ServiceRequestCreate: serviceRequestCreate,
  ServiceRequest: serviceRequest,
  ServiceRequestPage: { items: [serviceRequest], nextCursor: null },
  ServiceRequestPatch: { targetOutcomes: ['Sam attends school every day', 'Mornings are calm and on time', 'Alex feels able to ask school for help'] },
  DecisionCreate: decisionCreate,
  WithdrawRequest: { withdrawnAt: '2026-12-29T14:00:00Z', reason: 'Family moved out of the area; referred to their new local authority' },
}
