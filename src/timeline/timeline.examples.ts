/** Examples of the timeline schemas, for the reference page and the SDK (validated against their schemas by a test). */
import { FAMILY, REQUEST, TEAM } from '../schema/example-ids.js'

export const TIMELINE_EXAMPLES: Record<string, unknown> = {
  FamilyTimeline: {
    familyId: FAMILY,
    teamId: TEAM,
    items: [
      {
        eventId: '10421',
        type: 'service-request.received',
        kind: 'service-request',
        subjectType: 'service_request',
        subjectId: REQUEST,
        serviceRequestId: REQUEST,
        occurredAt: '2026-12-23T10:00:00.000Z',
        recordedAt: '2026-12-23T10:02:41.207Z',
        data: { kind: 'intervention', route: 'casework_supervision', externalRefs: [{ system: 'mosaic', value: 'R-55120' }] },
      },
      {
        eventId: '10533',
        type: 'service-request.accepted',
        kind: 'service-request',
        subjectType: 'service_request',
        subjectId: REQUEST,
        serviceRequestId: REQUEST,
        occurredAt: '2026-12-24T11:30:00.000Z',
        recordedAt: '2026-12-24T11:30:04.552Z',
        data: { decision: 'accepted', reason: 'Tier 3, child in need; family consent recorded', panelId: null },
      },
    ],
    nextCursor: null,
  },
}
