/** Examples of an import line and its result, for the reference page (validated against their schemas by a test). */
import { FAMILY, PRACTITIONER, TEAM } from '../schema/example-ids.js'

const IMPORT = '0193b1e0-4d5e-7f60-8a71-b2c3d4e5f607'

const line = {
  family: {
    teamId: TEAM,
    reference: 'FAM-0412',
    externalRefs: [{ system: 'mosaic', value: '55120' }],
    tier: 3,
    plan: 'child_in_need',
    members: [
      { givenName: 'Sam', familyName: 'Okafor', dateOfBirth: '2015-03-01', role: 'child' },
      { givenName: 'Alex', familyName: 'Okafor', dateOfBirth: '1988-07-09', role: 'parent_carer' },
    ],
  },
  requests: [
    {
      externalRefs: [{ system: 'mosaic', value: 'R-55120' }],
      kind: 'intervention',
      route: 'casework_supervision',
      focus: 'Support with morning routines and school attendance',
      requestedBy: { name: 'Jo Patel', role: 'social_worker' },
      consent: { given: true, recordedAt: '2025-03-03T09:00:00Z', recordedBy: 'Jo Patel' },
      receivedAt: '2025-03-03T10:00:00Z',
      decision: { decision: 'accepted', decidedAt: '2025-03-04T10:00:00Z', decidedBy: 'Team manager' },
      allocation: {
        practitionerId: PRACTITIONER,
        allocatedAt: '2025-03-05T09:00:00Z',
        allocatedBy: 'Team manager',
        intervention: {
          startedAt: '2025-03-17T10:00:00Z',
          reviews: [{ heldAt: '2025-04-14T10:00:00Z', decision: 'continue' }],
          end: {
            endedAt: '2025-05-12T10:00:00Z',
            summary: 'Routines in place',
            childViews: 'Sam likes the new mornings',
            progress: 'Attendance 96%',
            onwardSupport: 'School nurse',
          },
        },
      },
    },
  ],
}

/** A file of one case: the body of `POST /imports`, one `ImportCase` per line. */
export const IMPORT_FILE_EXAMPLE = `${JSON.stringify(line)}\n`

export const IMPORT_EXAMPLES: Record<string, unknown> = {
  ImportCase: line,
  ImportLineResult: {
    line: 1,
    outcome: 'created',
    familyId: FAMILY,
    created: { families: 1, serviceRequests: 1, escalations: 0 },
    problem: null,
  },
  ImportResult: {
    dryRun: false,
    lines: 2,
    created: 1,
    skipped: 0,
    failed: 1,
    results: [
      {
        line: 1,
        outcome: 'created',
        familyId: FAMILY,
        created: { families: 1, serviceRequests: 1, escalations: 0 },
        problem: null,
      },
      {
        line: 2,
        outcome: 'failed',
        familyId: null,
        created: { families: 0, serviceRequests: 0, escalations: 0 },
        problem: {
          type: '/problems/validation-error',
          title: 'The request is not valid',
          status: 400,
          detail: 'Line 2: requests[0].allocation: allocatedAt: must not be before the request was received',
          errors: [{ in: 'line', field: 'requests[0].allocation.allocatedAt', message: 'must not be before the request was received' }],
        },
      },
    ],
  },
  ImportSummary: {
    ...queued(),
  },
  Import: {
    ...queued(),
    results: [
      {
        line: 1,
        outcome: 'created',
        familyId: FAMILY,
        created: { families: 1, serviceRequests: 1, escalations: 0 },
        problem: null,
      },
    ],
    nextCursor: 'eyJhZnRlciI6IjEifQ',
  },
  ImportPage: { items: [queued()], nextCursor: null },
}

/** An import of 250 lines handed to the job queue, one line done. */
function queued() {
  return {
    id: IMPORT,
    status: 'running',
    dryRun: false,
    lines: 250,
    linesDone: 1,
    created: 1,
    skipped: 0,
    failed: 0,
    problem: null,
    createdAt: '2027-02-01T12:00:00.000Z',
    startedAt: '2027-02-01T12:00:00.500Z',
    finishedAt: null,
  }
}
