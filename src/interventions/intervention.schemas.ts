import { type Static, Type } from '@sinclair/typebox'
import { INTERVENTION_STATUSES } from '../db/tables/intervention.table.js'
import { AsOfQuery, Page, PageQuery, SlaBlockSchema } from '../http/schemas.js'
import { PHASES } from '../outcome-measures/catalogue.js'
import { Instant, InstantOut, Nullable, ref, Strict, StringEnum, Uuid } from '../schema/helpers.js'
import { ContactCorrectionSchema, ContactCreateSchema, ContactPageSchema, ContactSchema, ContactWriteUpSchema } from './contact.schemas.js'
import {
  AuditCreateSchema,
  BaselineFollowUpCreateSchema,
  ConsentExtensionCreateSchema,
  ConsentRenewalCreateSchema,
  DurationExceptionCreateSchema,
  EndSchema,
  FamilyFeedbackCreateSchema,
  FiveMonthCheckCreateSchema,
  JointSupervisionCreateSchema,
  MeetingCreateSchema,
  ResumeSchema,
  ReviewCreateSchema,
  SuspendSchema,
} from './intervention-steps.schemas.js'
import {
  MeasureSelectionCreateSchema,
  OutcomeScoreCorrectionSchema,
  OutcomeScoreCreateSchema,
  OutcomeScoreListSchema,
  OutcomeScoreSchema,
  SelectedMeasureSchema,
} from './outcome-score.schemas.js'

export const InterventionCreateSchema = Strict(
  {
    allocationId: Uuid({ description: 'The active allocation the work follows; one intervention per allocation' }),
    startedAt: Type.Optional(Instant({ description: 'Defaults to now; not in the future, not before the allocation' })),
  },
  { $id: 'InterventionCreate' },
)

const entry = Type.Record(Type.String(), Type.Unknown())
const fromThePlan = (what: string) =>
  `${what} of the case’s current multi-agency action plan, as last revised (000 §8); until the case has one, of the joint visit of the intervention’s allocation`
export const InterventionSchema = Type.Object(
  {
    id: Uuid(),
    allocationId: Uuid(),
    serviceRequestId: Uuid(),
    familyId: Uuid(),
    teamId: Uuid(),
    practitionerId: Uuid(),
    startedAt: InstantOut(),
    status: StringEnum(INTERVENTION_STATUSES),
    focus: Type.String(),
    agreedOutcomes: Type.Array(Type.String()),
    workingTogetherAgreement: Nullable(Type.String({ description: fromThePlan('The working together agreement') })),
    dangerStatements: Type.Array(Type.String(), { description: fromThePlan('The danger statements') }),
    safetyGoals: Type.Array(Type.String(), { description: fromThePlan('The safety goals') }),
    reviews: Type.Array(entry),
    extendedUntil: Nullable(Type.String({ format: 'date' })),
    consentExtension: Nullable(entry),
    consentUntil: Nullable(
      Type.String({
        format: 'date',
        description:
          'The date the family’s consent runs to, where the service sets a consent period (000 §1); after it, contacts, reviews and extensions need renewed consent',
      }),
    ),
    audits: Type.Record(Type.String(), entry, { description: 'By kind: first, three_month, final' }),
    jointSupervisions: Type.Array(entry),
    meetings: Type.Array(entry),
    fiveMonthCheck: Nullable(entry),
    suspensions: Type.Array(entry),
    suspendedAt: Nullable(InstantOut()),
    durationException: Nullable(entry),
    endedAt: Nullable(InstantOut()),
    ending: Nullable(entry),
    missingScores: Type.Array(Type.Object({ measureId: Type.String(), phase: StringEnum(PHASES) }), {
      description:
        'Selected measures with no score, from any perspective, for a phase the intervention has reached: the start once there is a review or an ending, the review once one is held, the end once it has ended (000 §7). Empty when complete.',
    }),
    familyFeedback: Type.Array(entry, { description: 'The family’s feedback on the work (000 §10)' }),
    followUpDueOn: Nullable(Type.String({ format: 'date', description: 'Set on ending: when the baseline measures are checked, 6 months later' })),
    baselineFollowUp: Nullable(entry),
    outcomeMeasures: Type.Array(ref(SelectedMeasureSchema)),
    sla: ref(SlaBlockSchema),
    createdAt: InstantOut(),
    updatedAt: InstantOut(),
    version: Type.Integer(),
  },
  { $id: 'Intervention' },
)
export const InterventionPageSchema = Page(Type.Unsafe<Static<typeof InterventionSchema>>(Type.Ref('Intervention')), 'InterventionPage')
export const InterventionListQuery = Strict({
  ...PageQuery,
  ...AsOfQuery,
  teamId: Type.Optional(Uuid()),
  practitionerId: Type.Optional(Uuid()),
  familyId: Type.Optional(Uuid()),
  allocationId: Type.Optional(Uuid()),
  status: Type.Optional(StringEnum(INTERVENTION_STATUSES)),
})

export type InterventionCreate = Static<typeof InterventionCreateSchema>
export type InterventionListFilters = Static<typeof InterventionListQuery>

/** The shared schemas of the intervention routes, which the app registers once and the routes reference by $id. */
export const interventionSchemas = [
  InterventionCreateSchema,
  ReviewCreateSchema,
  ConsentExtensionCreateSchema,
  ConsentRenewalCreateSchema,
  AuditCreateSchema,
  FamilyFeedbackCreateSchema,
  JointSupervisionCreateSchema,
  MeetingCreateSchema,
  FiveMonthCheckCreateSchema,
  SuspendSchema,
  ResumeSchema,
  DurationExceptionCreateSchema,
  EndSchema,
  BaselineFollowUpCreateSchema,
  MeasureSelectionCreateSchema,
  OutcomeScoreCreateSchema,
  OutcomeScoreCorrectionSchema,
  SelectedMeasureSchema,
  InterventionSchema,
  InterventionPageSchema,
  ContactCreateSchema,
  ContactWriteUpSchema,
  ContactCorrectionSchema,
  ContactSchema,
  ContactPageSchema,
  OutcomeScoreSchema,
  OutcomeScoreListSchema,
]
