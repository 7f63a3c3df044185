import { contactPayload } from '../helpers/builders.js'

let counter = 0

/** One line of an import: a whole case, from the request to the ending, with references of its own. */
export function aCaseLine(teamId: string, practitionerId: string, overrides: { allocatedAt?: string; escalations?: object[] } = {}) {
  const n = `${Date.now().toString(36)}-${counter++}`
  return {
    family: {
      teamId,
      reference: `FAM-${n}`,
      externalRefs: [{ system: 'mosaic', value: `F-${n}` }],
      tier: 3,
      plan: 'child_in_need',
      members: [
        { givenName: 'Sam', familyName: 'Example', dateOfBirth: '2015-03-01', role: 'child' },
        { givenName: 'Alex', familyName: 'Example', dateOfBirth: '1988-07-09', role: 'parent_carer' },
      ],
    },
    requests: [
      {
        externalRefs: [{ system: 'mosaic', value: `R-${n}` }],
        kind: 'intervention',
        route: 'casework_supervision',
        focus: 'Support with routines and school attendance',
        targetOutcomes: ['Sam attends school every day'],
        requestedBy: { name: 'Jo Example', role: 'social_worker' },
        consent: { given: true, recordedAt: '2026-12-22T15:00:00Z', recordedBy: 'Jo Example' },
        receivedAt: '2026-12-23T10:00:00Z',
        decision: { decision: 'accepted', decidedAt: '2026-12-24T10:00:00Z', decidedBy: 'Team manager' },
        allocation: {
          practitionerId,
          allocatedAt: overrides.allocatedAt ?? '2026-12-31T09:00:00Z',
          allocatedBy: 'Team manager',
          caseDiscussion: { heldAt: '2027-01-04T10:00:00Z' },
          jointVisit: { heldAt: '2027-01-06T10:00:00Z', workingTogetherAgreement: 'Weekly visits', dangerStatements: ['D'], safetyGoals: ['S'] },
          intervention: {
            startedAt: '2027-01-07T10:00:00Z',
            contacts: [contactPayload('2027-01-14T10:00:00Z'), contactPayload('2027-01-08T10:00:00Z')],
            reviews: [{ heldAt: '2027-01-20T10:00:00Z', decision: 'continue' }],
            end: { endedAt: '2027-01-28T10:00:00Z', summary: 'S', childViews: 'C', progress: 'P', onwardSupport: 'O' },
          },
        },
      },
    ],
    escalations: overrides.escalations ?? [{ kind: 'disagreement', raisedAt: '2026-12-28T10:00:00Z', raisedBy: 'Ana Example', subject: 'Threshold decision' }],
  }
}

export const ndjson = (lines: object[]) => `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`
