/** Examples of the consent record schemas, for the reference page and the SDK (validated against their schemas by a test). */
import { ALLOCATION, FAMILY, REQUEST, TEAM } from '../schema/example-ids.js'

export const consentRecord = {
  id: '0193b1d8-0000-7000-8000-0000000000c1',
  familyId: FAMILY,
  teamId: TEAM,
  serviceRequestId: REQUEST,
  allocationId: ALLOCATION,
  decision: 'given',
  scopes: ['service', 'sharing'],
  givenBy: { name: 'Alex Okafor', relationship: 'parent' },
  obtainedAt: 'initial_visit',
  decidedAt: '2027-01-04T10:30:00.000Z',
  recordedBy: 'Ana Morris',
  revisitOn: '2027-04-04',
  notes: 'Alex agreed to the work and to Ana speaking with Sam’s school and GP',
  createdAt: '2027-01-04T15:12:09.441Z',
}

export const CONSENT_EXAMPLES: Record<string, unknown> = {
  ConsentRecordPage: { items: [consentRecord], nextCursor: null },
  ConsentRecord: consentRecord,
}
