import { type Static, Type } from '@sinclair/typebox'
import { ASSESSMENT_KINDS } from '../db/tables/assessment.table.js'
import { Page, PageQuery } from '../http/schemas.js'
import { Instant, InstantOut, IsoDate, Nullable, ref, Strict, StringEnum, Uuid } from '../schema/helpers.js'

export { ASSESSMENT_KINDS }

const text = (max: number) => Type.String({ minLength: 1, maxLength: max })

export const AssessmentCreateSchema = Strict(
  {
    serviceRequestId: Uuid({ description: 'The allocated request the assessment is for' }),
    kind: StringEnum(ASSESSMENT_KINDS, { description: '`early_help_assessment` (004 §3.2) or `level_3_assessment` (002)' }),
    model: Type.Optional(text(200)),
    startedAt: Type.Optional(Instant({ description: 'Defaults to now; not in the future, not before the allocation' })),
    startedBy: text(200),
  },
  {
    $id: 'AssessmentCreate',
    examples: [
      {
        serviceRequestId: '0190f0c2-6a1e-7cc2-9a52-1f1d1b6f7a03',
        kind: 'early_help_assessment',
        model: 'Family Star Plus',
        startedAt: '2027-01-11T10:00:00Z',
        startedBy: 'Kim Example (lead practitioner)',
      },
    ],
  },
)

export const AssessmentParticipantSchema = Strict({ name: text(200), role: text(100) }, { $id: 'AssessmentParticipant' })
export const AssessmentNeedSchema = Strict({ area: text(200), description: text(5000) }, { $id: 'AssessmentNeed' })

export const AssessmentCompleteSchema = Strict(
  {
    completedAt: Type.Optional(Instant({ description: 'Defaults to now; not in the future, not before it started' })),
    completedBy: text(200),
    participants: Type.Array(ref(AssessmentParticipantSchema), {
      minItems: 1,
      maxItems: 40,
      description: 'With whom it was done: the family members and the agencies (002: "all family members and key agencies")',
    }),
    childSeen: Type.Boolean({ description: 'Whether the child was seen for the assessment' }),
    childSeenOn: Type.Optional(IsoDate({ description: 'The day the child was seen: required when childSeen is true, and only then' })),
    familyViews: text(10000),
    needs: Type.Array(ref(AssessmentNeedSchema), { minItems: 1, maxItems: 40, description: 'The needs the assessment found' }),
  },
  {
    $id: 'AssessmentComplete',
    examples: [
      {
        completedAt: '2027-01-25T15:00:00Z',
        completedBy: 'Kim Example',
        participants: [
          { name: 'Alex Example', role: 'parent' },
          { name: 'Sam Example', role: 'child' },
          { name: 'Ms Green', role: 'school' },
        ],
        childSeen: true,
        childSeenOn: '2027-01-18',
        familyViews: 'Alex wants calmer mornings; Sam wants to walk to school with friends.',
        needs: [{ area: 'School attendance', description: 'Late three mornings a week' }],
      },
    ],
  },
)

export const AssessmentSchema = Type.Object(
  {
    id: Uuid(),
    familyId: Uuid(),
    teamId: Uuid(),
    serviceRequestId: Uuid(),
    allocationId: Uuid(),
    kind: StringEnum(ASSESSMENT_KINDS),
    model: Nullable(Type.String()),
    status: StringEnum(['started', 'completed'] as const),
    startedAt: InstantOut(),
    startedBy: Type.String(),
    completed: Nullable(
      Type.Object({
        completedAt: InstantOut(),
        completedBy: Type.String(),
        participants: Type.Array(ref(AssessmentParticipantSchema)),
        childSeen: Type.Boolean(),
        childSeenOn: Nullable(Type.String({ format: 'date' })),
        familyViews: Type.String(),
        needs: Type.Array(ref(AssessmentNeedSchema)),
      }),
    ),
    createdAt: InstantOut(),
    updatedAt: InstantOut(),
    version: Type.Integer(),
  },
  { $id: 'Assessment' },
)
export const AssessmentPageSchema = Page(Type.Unsafe<Static<typeof AssessmentSchema>>(Type.Ref('Assessment')), 'AssessmentPage')
export const AssessmentListQuery = Strict({
  ...PageQuery,
  familyId: Type.Optional(Uuid()),
  serviceRequestId: Type.Optional(Uuid()),
  kind: Type.Optional(StringEnum(ASSESSMENT_KINDS)),
})

export type AssessmentCreate = Static<typeof AssessmentCreateSchema>
export type AssessmentComplete = Static<typeof AssessmentCompleteSchema>
export type AssessmentListFilters = Static<typeof AssessmentListQuery>
export const assessmentSchemas = [
  AssessmentCreateSchema,
  AssessmentParticipantSchema,
  AssessmentNeedSchema,
  AssessmentCompleteSchema,
  AssessmentSchema,
  AssessmentPageSchema,
]
