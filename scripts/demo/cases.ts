/**
 * Generated case histories for the import benchmark and the demo: deterministic from the case number,
 * spread over 2025–2026, most of them ended, some still open, a few declined.
 */
const DAY = 86_400_000
const at = (from: number, days: number, hour = 10) => new Date(from + days * DAY + (hour - 0) * 3_600_000).toISOString()

const GIVEN = ['Sam', 'Ava', 'Leo', 'Maya', 'Noah', 'Isla', 'Alfie', 'Freya', 'Theo', 'Zara']
const FAMILY = ['Okafor', 'Smith', 'Nowak', 'Begum', 'Jones', 'Murphy', 'Patel', 'Evans', 'Khan', 'Taylor']
const FOCUS = [
  'Support with routines and school attendance',
  'Parenting support after a domestic abuse incident',
  'Help with a teenager at risk of exploitation',
  'Support for a young carer and their parent’s mental health',
]

export function generatedCase(n: number, teamId: string, practitionerIds: string[], system = 'bench') {
  const start = Date.parse('2025-01-06T00:00:00Z') + (n % 600) * DAY
  const name = FAMILY[n % FAMILY.length]
  const child = GIVEN[n % GIVEN.length]
  const declined = n % 20 === 0
  const open = !declined && n % 10 === 0
  const contacts = [7, 14, 21].map((d) => ({
    occurredAt: at(start, 14 + d),
    recordedAt: at(start, 14 + d, 15),
    durationMinutes: 60,
    location: 'Family home',
    purpose: 'Review of the routine plan',
    present: [child, 'Parent'],
    childSeenAlone: d !== 14,
    voiceOfChild: `${child} said mornings are calmer`,
    observations: 'Breakfast was ready on time',
    analysis: 'The new routine is holding',
    actions: 'Next visit in a week',
  }))
  return {
    family: {
      teamId,
      reference: `${system.toUpperCase()}-${String(n).padStart(6, '0')}`,
      externalRefs: [{ system, value: `F${n}` }],
      // TRT works with families at tiers 3 and 4 on a CIN, CP or LAC plan (000 §3, §8).
      tier: 3 + (n % 2),
      plan: n % 4 === 0 ? 'child_protection' : 'child_in_need',
      members: [
        { givenName: child, familyName: name, dateOfBirth: `201${n % 10}-0${1 + (n % 9)}-15`, role: 'child' },
        { givenName: 'Alex', familyName: name, dateOfBirth: '1988-07-09', role: 'parent_carer' },
      ],
    },
    requests: [
      {
        externalRefs: [{ system, value: `R${n}` }],
        kind: 'intervention',
        route: n % 3 === 0 ? 'transfer_meeting' : 'casework_supervision',
        focus: FOCUS[n % FOCUS.length],
        targetOutcomes: [`${child} attends school every day`],
        requestedBy: { name: 'Jo Example', role: 'social_worker' },
        consent: { given: true, recordedAt: at(start, 0, 9), recordedBy: 'Jo Example' },
        receivedAt: at(start, 0),
        decision: declined
          ? { decision: 'declined', decidedAt: at(start, 1), decidedBy: 'Team manager', reason: 'Below the threshold for the service' }
          : { decision: 'accepted', decidedAt: at(start, 1), decidedBy: 'Team manager' },
        ...(declined
          ? {}
          : {
              allocation: {
                // By tens, so the open cases (every tenth) spread over the practitioners' caseloads.
                practitionerId: practitionerIds[Math.floor(n / 10) % practitionerIds.length],
                allocatedAt: at(start, 2 + (n % 5)),
                allocatedBy: 'Team manager',
                caseDiscussion: { heldAt: at(start, 8) },
                jointVisit: { heldAt: at(start, 12), workingTogetherAgreement: 'Weekly visits', dangerStatements: ['D'], safetyGoals: ['S'] },
                intervention: {
                  startedAt: at(start, 14),
                  contacts,
                  reviews: [{ heldAt: at(start, 40), decision: 'continue' }],
                  ...(open
                    ? {}
                    : {
                        end: {
                          endedAt: at(start, 60),
                          summary: 'Work completed',
                          childViews: 'Happier',
                          progress: 'Good',
                          onwardSupport: 'Universal services',
                        },
                      }),
                },
              },
            }),
      },
    ],
    escalations: n % 7 === 0 ? [{ kind: 'disagreement', raisedAt: at(start, 3), raisedBy: 'Ana Example', subject: 'Threshold decision' }] : [],
  }
}
