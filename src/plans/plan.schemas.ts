import { type Static, Type } from '@sinclair/typebox'
import { PLAN_KINDS, PLAN_STATUSES, PLAN_VERSION_REASONS } from '../db/tables/plan.table.js'
import { Page, PageQuery, SlaBlockSchema } from '../http/schemas.js'
import { Instant, InstantOut, IsoDate, Nullable, ref, Strict, StringEnum, Uuid } from '../schema/helpers.js'

export { PLAN_KINDS, PLAN_STATUSES }

const text = (max: number, description?: string) => Type.String({ minLength: 1, maxLength: max, ...(description ? { description } : {}) })
const statements = Type.Array(text(1000), { maxItems: 20 })

export const PlanActionCreateSchema = Strict(
  { what: text(2000), who: text(200), dueOn: IsoDate({ description: 'By when: the action’s clock is due at the end of this day' }) },
  { $id: 'PlanActionCreate', examples: [{ what: 'Sam attends the breakfast club every school day', who: 'Alex Example (parent)', dueOn: '2027-01-29' }] },
)

export const PlanCreateSchema = Strict(
  {
    serviceRequestId: Uuid({ description: 'The allocated request the plan is for' }),
    kind: StringEnum(PLAN_KINDS, {
      description: '`taf_plan` Single TAF Plan (001), `level_3_plan` (002), `contingency_plan` (004), `multi_agency_action_plan` (000)',
    }),
    summary: text(10000),
    agreedAt: Type.Optional(Instant({ description: 'When the plan was agreed; defaults to now; not before the allocation' })),
    agreedBy: Type.Array(text(200), { maxItems: 30, description: 'Who agreed the plan: the family and the professionals' }),
    workingTogetherAgreement: Type.Optional(
      text(5000, 'The multi-agency action plan’s (000 §8); when left out, it is taken from the allocation’s joint visit, where one is recorded'),
    ),
    dangerStatements: Type.Optional(statements),
    safetyGoals: Type.Optional(statements),
    actions: Type.Array(ref(PlanActionCreateSchema), { maxItems: 50 }),
  },
  {
    $id: 'PlanCreate',
    examples: [
      {
        serviceRequestId: '0190f0c2-6a1e-7cc2-9a52-1f1d1b6f7a03',
        kind: 'level_3_plan',
        summary: 'Calmer mornings and full school attendance',
        agreedBy: ['Alex Example (parent)', 'Kim Example (family support worker)', 'Ms Green (school)'],
        actions: [{ what: 'Morning routine chart on the fridge', who: 'Kim Example', dueOn: '2027-01-15' }],
      },
    ],
  },
)

export const PlanReviewCreateSchema = Strict(
  {
    kind: Type.Optional(
      StringEnum(['review', 'taf_review'] as const, {
        description:
          '`taf_review`: the Team Around the Family review (002, every 8 weeks after the first meeting), recorded on the request’s open intervention too, which stops its `taf-review` clock and starts the next; `review` (the default): a review of the plan alone',
      }),
    ),
    heldAt: Type.Optional(Instant({ description: 'Defaults to now; not in the future' })),
    heldBy: text(200),
    attendees: Type.Optional(Type.Array(text(200), { maxItems: 30 })),
    notes: Type.Optional(text(10000)),
    summary: Type.Optional(text(10000)),
    agreedBy: Type.Optional(Type.Array(text(200), { maxItems: 30 })),
    workingTogetherAgreement: Type.Optional(text(5000)),
    dangerStatements: Type.Optional(statements),
    safetyGoals: Type.Optional(statements),
    addActions: Type.Optional(Type.Array(ref(PlanActionCreateSchema), { maxItems: 50 })),
  },
  { $id: 'PlanReviewCreate', description: 'A review of the plan (e.g. a TAF review, every 8 weeks: 002): makes a new version; the old one is kept' },
)
export const PlanSignOffSchema = Strict({ signedOffAt: Type.Optional(Instant()), signedOffBy: text(200) }, { $id: 'PlanSignOff' })
export const PlanActionDoneSchema = Strict({ doneAt: Type.Optional(Instant()) }, { $id: 'PlanActionDone' })

export const PlanActionSchema = Type.Object(
  {
    id: Uuid(),
    what: Type.String(),
    who: Type.String(),
    dueOn: Type.String({ format: 'date' }),
    doneAt: Nullable(InstantOut()),
    addedInVersion: Type.Integer(),
    sla: ref(SlaBlockSchema),
  },
  { $id: 'PlanAction' },
)

const planBody = {
  id: Uuid(),
  familyId: Uuid(),
  teamId: Uuid(),
  serviceRequestId: Uuid(),
  allocationId: Nullable(Uuid()),
  kind: StringEnum(PLAN_KINDS),
  status: StringEnum(PLAN_STATUSES),
  currentVersion: Type.Integer({ description: 'The number of the plan’s latest version' }),
  summary: Type.String(),
  agreedAt: InstantOut(),
  agreedBy: Type.Array(Type.String()),
  workingTogetherAgreement: Nullable(Type.String()),
  dangerStatements: Type.Array(Type.String()),
  safetyGoals: Type.Array(Type.String()),
  signedOff: Nullable(Type.Object({ signedOffAt: InstantOut(), signedOffBy: Type.String() })),
}
export const PlanSchema = Type.Object(
  { ...planBody, actions: Type.Array(ref(PlanActionSchema)), createdAt: InstantOut(), updatedAt: InstantOut(), version: Type.Integer() },
  { $id: 'Plan' },
)
export const PlanVersionSchema = Type.Object(
  {
    planId: Uuid(),
    number: Type.Integer(),
    reason: StringEnum(PLAN_VERSION_REASONS, {
      description: 'created: as the plan was made; review: a review changed it; joint_visit: it took what a joint visit held after it agreed',
    }),
    review: Nullable(
      Type.Object({
        kind: Type.Optional(StringEnum(['review', 'taf_review'] as const)),
        heldAt: InstantOut(),
        heldBy: Type.String(),
        attendees: Type.Optional(Type.Array(Type.String())),
        notes: Nullable(Type.String()),
        interventionId: Type.Optional(Nullable(Uuid({ description: 'For a TAF review: the intervention it was recorded on' }))),
      }),
    ),
    plan: Type.Record(Type.String(), Type.Unknown(), { description: 'The plan as it stood in this version, with its actions' }),
    createdAt: InstantOut(),
  },
  { $id: 'PlanVersion' },
)
export const PlanPageSchema = Page(Type.Unsafe<Static<typeof PlanSchema>>(Type.Ref('Plan')), 'PlanPage')
export const PlanVersionListSchema = Type.Object(
  { items: Type.Array(Type.Unsafe<Static<typeof PlanVersionSchema>>(Type.Ref('PlanVersion'))) },
  { $id: 'PlanVersionList' },
)
export const PlanListQuery = Strict({
  ...PageQuery,
  familyId: Type.Optional(Uuid()),
  serviceRequestId: Type.Optional(Uuid()),
  kind: Type.Optional(StringEnum(PLAN_KINDS)),
})
export const PlanActionParams = Strict({ id: Uuid(), actionId: Uuid() })
export const PlanVersionParams = Strict({ id: Uuid(), number: Type.Integer({ minimum: 1 }) })

export type PlanCreate = Static<typeof PlanCreateSchema>
export type PlanReviewCreate = Static<typeof PlanReviewCreateSchema>
export type PlanSignOff = Static<typeof PlanSignOffSchema>
export type PlanActionCreate = Static<typeof PlanActionCreateSchema>
export type PlanListFilters = Static<typeof PlanListQuery>
export const planSchemas = [
  PlanActionCreateSchema,
  PlanCreateSchema,
  PlanReviewCreateSchema,
  PlanSignOffSchema,
  PlanActionDoneSchema,
  PlanActionSchema,
  PlanSchema,
  PlanVersionSchema,
  PlanPageSchema,
  PlanVersionListSchema,
]
