/** Examples of the practitioner schemas, for the reference page and the SDK (validated against their schemas by a test). */
import { PRACTITIONER, TEAM } from '../schema/example-ids.js'

export const practitionerCreate = {
  teamId: TEAM,
  name: 'Ana Morris',
  email: 'ana.morris@example.org',
  role: 'senior_practitioner',
  caseloadCapacity: 10,
}

export const practitioner = {
  id: PRACTITIONER,
  ...practitionerCreate,
  specialism: null,
  active: true,
  activeCaseload: 7,
  createdAt: '2026-09-01T08:45:00.000Z',
  updatedAt: '2026-11-16T14:02:31.118Z',
  version: 2,
}

export const PRACTITIONER_EXAMPLES: Record<string, unknown> = {
  PractitionerCreate: practitionerCreate,
  Practitioner: practitioner,
  PractitionerPage: { items: [practitioner], nextCursor: null },
  PractitionerPatch: { caseloadCapacity: 12 },
}
