/** Examples of the panel schemas, for the reference page and the SDK (validated against their schemas by a test). */
import { ALLOCATION, PRACTITIONER, REQUEST, TEAM } from '../schema/example-ids.js'

export const panel = {
  id: '0193b1da-5f60-7a71-8b82-93a4b5c6d7e8',
  teamId: TEAM,
  kind: 'allocation_meeting',
  heldAt: '2026-12-29T09:00:00.000Z',
  chairedBy: 'Priya Shah (team manager)',
  attendees: [
    { name: 'Priya Shah', organisation: 'Targeted Response Team' },
    { name: 'Ana Morris', organisation: 'Targeted Response Team' },
    { name: 'Jo Patel', organisation: 'Children’s Social Care' },
  ],
  minutesReference: 'TRT-ALLOC-2026-12-29',
  decisions: [
    {
      id: '0193b1da-5f61-7000-8000-000000000001',
      serviceRequestId: REQUEST,
      decision: 'allocated',
      practitionerId: PRACTITIONER,
      allocationId: ALLOCATION,
      reason: null,
    },
  ],
  createdAt: '2026-12-29T09:30:01.118Z',
  updatedAt: '2026-12-29T09:30:01.118Z',
  version: 1,
}

export const PANEL_EXAMPLES: Record<string, unknown> = { Panel: panel, PanelPage: { items: [panel], nextCursor: null } }
