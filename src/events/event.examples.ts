/** Examples of the event feed schemas, for the reference page and the SDK (validated against their schemas by a test). */
import { FAMILY, REQUEST, TEAM } from '../schema/example-ids.js'

export const feedEvent = {
  position: '884213-10533',
  id: 10533,
  type: 'service-request.accepted',
  subjectType: 'service_request',
  subjectId: REQUEST,
  familyId: FAMILY,
  teamId: TEAM,
  occurredAt: '2026-12-24T11:30:00.000Z',
  recordedAt: '2026-12-24T11:30:04.552Z',
  actingUser: 'Priya Shah',
  requestId: '6f1c2e1a-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
  data: { decision: 'accepted', reason: 'Tier 3, child in need; family consent recorded', panelId: null },
}

export const EVENT_EXAMPLES: Record<string, unknown> = {
  FeedEventPage: { items: [feedEvent], nextCursor: 'ODg0MjEzLTEwNTMz' },
}
