/** Examples of the audit schemas, for the reference page and the SDK (validated against their schemas by a test). */
import { FAMILY, REQUEST, TEAM } from '../schema/example-ids.js'

const KEY = '0193b1d1-7a00-7000-8000-0000000000a2'

export const AUDIT_EXAMPLES: Record<string, unknown> = {
  AuditEventPage: {
    items: [
      {
        id: 'read-58812',
        kind: 'read',
        at: '2027-01-05T08:52:10.431Z',
        apiKeyId: KEY,
        actingUser: 'Ana Morris',
        requestId: '0b7d5c2e-9f41-4a8e-b3c6-1d2e3f4a5b6c',
        familyId: FAMILY,
        teamId: TEAM,
        action: 'GET /families/:id',
        subjectType: 'family',
        subjectId: FAMILY,
        changes: null,
      },
      {
        id: 'change-10533',
        kind: 'change',
        at: '2026-12-24T11:30:04.552Z',
        apiKeyId: KEY,
        actingUser: 'Priya Shah',
        requestId: '6f1c2e1a-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
        familyId: FAMILY,
        teamId: TEAM,
        action: 'service-request.accepted',
        subjectType: 'service_request',
        subjectId: REQUEST,
        changes: { decision: 'accepted', reason: 'Tier 3, child in need; family consent recorded', panelId: null },
      },
    ],
    nextCursor: null,
  },
}
