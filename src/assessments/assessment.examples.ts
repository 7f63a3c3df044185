/** Examples of the assessment schemas, for the reference page and the SDK (validated against their schemas by a test). */
import { ALLOCATION, FAMILY, REQUEST, TEAM } from '../schema/example-ids.js'

export const assessment = {
  id: '0193b1db-7a8b-7c9d-8eaf-b0c1d2e3f405',
  familyId: FAMILY,
  teamId: TEAM,
  serviceRequestId: REQUEST,
  allocationId: ALLOCATION,
  kind: 'early_help_assessment',
  model: 'Family Star Plus',
  status: 'completed',
  startedAt: '2027-01-11T10:00:00.000Z',
  startedBy: 'Ana Morris',
  completed: {
    completedAt: '2027-01-25T15:00:00.000Z',
    completedBy: 'Ana Morris',
    participants: [
      { name: 'Alex Okafor', role: 'parent' },
      { name: 'Sam Okafor', role: 'child' },
      { name: 'Ms Green', role: 'school' },
    ],
    childSeen: true,
    childSeenOn: '2027-01-18',
    familyViews: 'Alex wants calmer mornings; Sam wants to walk to school with his friends.',
    needs: [
      { area: 'School attendance', description: 'Late three mornings a week; attendance 78% this term' },
      { area: 'Routines', description: 'No set bedtime; Sam often too tired to get up' },
    ],
  },
  createdAt: '2027-01-11T10:02:13.660Z',
  updatedAt: '2027-01-25T15:04:48.201Z',
  version: 2,
}

export const ASSESSMENT_EXAMPLES: Record<string, unknown> = { Assessment: assessment, AssessmentPage: { items: [assessment], nextCursor: null } }
