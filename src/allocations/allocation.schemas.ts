import { type Static, Type } from '@sinclair/typebox'
import { consentDecisionFields } from '../consents/consent.schemas.js'
import { AsOfQuery, Page, PageQuery, SlaBlockSchema } from '../http/schemas.js'
import { Instant, InstantOut, Nullable, ref, Strict, StringEnum, Uuid } from '../schema/helpers.js'

const text = (max: number) => Type.String({ minLength: 1, maxLength: max })

export const AllocationCreateSchema = Strict(
  {
    serviceRequestId: Uuid(),
    practitionerId: Uuid({ description: 'The allocated worker, who holds the case on their caseload' }),
    coWorkerIds: Type.Optional(Type.Array(Uuid(), { maxItems: 5, description: 'Co-workers, e.g. a specialist (they do not use caseload capacity)' })),
    allocatedAt: Type.Optional(Instant({ description: 'Defaults to now; not in the future' })),
    allocatedBy: text(200),
    override: Type.Optional(Strict({ reason: text(2000) }, { description: 'A manager’s reason to allocate past the practitioner’s caseload capacity' })),
  },
  { $id: 'AllocationCreate' },
)

export const CaseDiscussionCreateSchema = Strict(
  { heldAt: Type.Optional(Instant()), attendees: Type.Optional(Type.Array(text(200), { maxItems: 20 })), notes: Type.Optional(text(5000)) },
  { $id: 'CaseDiscussionCreate' },
)
export const JointVisitCreateSchema = Strict(
  {
    heldAt: Type.Optional(Instant()),
    workingTogetherAgreement: text(5000),
    dangerStatements: Type.Array(text(1000), {
      minItems: 1,
      maxItems: 20,
      description: 'The social worker’s Danger Statements the family is to understand: at least one (000 §6, §8)',
    }),
    safetyGoals: Type.Array(text(1000), { minItems: 1, maxItems: 20, description: 'The Safety Goals agreed with the family: at least one (000 §6, §8)' }),
    notes: Type.Optional(text(5000)),
  },
  { $id: 'JointVisitCreate', description: 'The joint visit with the social worker, scoping the working together agreement (000 §8)' },
)
export const VisitCreateSchema = Strict(
  {
    heldAt: Type.Optional(Instant()),
    notes: Type.Optional(text(5000)),
    consent: Type.Optional(
      Strict(
        {
          ...consentDecisionFields,
          decision: StringEnum(['given', 'refused'] as const),
          decidedAt: Type.Optional(Instant({ description: 'Defaults to the visit' })),
        },
        { description: 'The family’s consent, obtained at the initial visit (002): kept as a consent record' },
      ),
    ),
  },
  {
    $id: 'VisitCreate',
    examples: [
      {
        heldAt: '2027-01-04T10:00:00Z',
        consent: { decision: 'given', scopes: ['sharing', 'service'], givenBy: { name: 'Alex Example', relationship: 'parent' }, recordedBy: 'Kim Example' },
      },
    ],
  },
)
export const PlanSignOffCreateSchema = Strict({ signedOffAt: Type.Optional(Instant()), signedOffBy: text(200) }, { $id: 'PlanSignOffCreate' })
export const AllocationEndSchema = Strict({ endedAt: Type.Optional(Instant()), reason: text(2000) }, { $id: 'AllocationEnd' })

const record = Type.Record(Type.String(), Type.Unknown())
export const AllocationSchema = Type.Object(
  {
    id: Uuid(),
    serviceRequestId: Uuid(),
    familyId: Uuid(),
    teamId: Uuid(),
    practitionerId: Uuid(),
    coWorkerIds: Type.Array(Uuid()),
    allocatedAt: InstantOut(),
    allocatedBy: Nullable(Type.String()),
    overrideReason: Nullable(Type.String({ description: 'Set when a manager allocated past capacity' })),
    status: StringEnum(['active', 'ended'] as const),
    caseDiscussion: Nullable(record),
    jointVisit: Nullable(record),
    initialVisit: Nullable(record),
    planSignOff: Nullable(record),
    endedAt: Nullable(InstantOut()),
    endedReason: Nullable(Type.String()),
    sla: ref(SlaBlockSchema),
    createdAt: InstantOut(),
    updatedAt: InstantOut(),
    version: Type.Integer(),
  },
  { $id: 'Allocation' },
)
export const AllocationPageSchema = Page(Type.Unsafe<Static<typeof AllocationSchema>>(Type.Ref('Allocation')), 'AllocationPage')
export const AllocationListQuery = Strict({
  ...PageQuery,
  ...AsOfQuery,
  teamId: Type.Optional(Uuid()),
  practitionerId: Type.Optional(Uuid()),
  familyId: Type.Optional(Uuid()),
  serviceRequestId: Type.Optional(Uuid()),
  status: Type.Optional(StringEnum(['active', 'ended'] as const)),
})

export type AllocationCreate = Static<typeof AllocationCreateSchema>
export type CaseDiscussionCreate = Static<typeof CaseDiscussionCreateSchema>
export type JointVisitCreate = Static<typeof JointVisitCreateSchema>
export type VisitCreate = Static<typeof VisitCreateSchema>
export type PlanSignOffCreate = Static<typeof PlanSignOffCreateSchema>
export type AllocationEnd = Static<typeof AllocationEndSchema>
export type AllocationListFilters = Static<typeof AllocationListQuery>
export const allocationSchemas = [
  AllocationCreateSchema,
  CaseDiscussionCreateSchema,
  JointVisitCreateSchema,
  VisitCreateSchema,
  PlanSignOffCreateSchema,
  AllocationEndSchema,
  AllocationSchema,
  AllocationPageSchema,
]
