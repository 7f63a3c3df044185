/** Examples of the team schemas, for the reference page and the SDK (validated against their schemas by a test). */
import { TEAM } from '../schema/example-ids.js'

export const teamCreate = {
  name: 'Leeds North Targeted Response Team',
  calendarId: 'england-and-wales',
  standardsPreset: 'trt',
  caseloadCapacity: 10,
}

export const team = {
  id: TEAM,
  ...teamCreate,
  createdAt: '2026-09-01T08:30:00.000Z',
  updatedAt: '2026-09-01T08:30:00.000Z',
  version: 1,
}

export const teamPatch = { caseloadCapacity: 12 }

export const TEAM_EXAMPLES: Record<string, unknown> = {
  TeamCreate: teamCreate,
  Team: team,
  TeamPage: { items: [team], nextCursor: null },
  TeamPatch: teamPatch,
}
