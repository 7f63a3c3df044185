import { type Static, Type } from '@sinclair/typebox'
import { INTERVENTION_STATUSES } from '../db/tables/intervention.table.js'
import { AsOfQuery, Page, PageQuery, SlaBlockSchema } from '../http/schemas.js'
import { PERSPECTIVES, PHASES, SELECTORS } from '../outcome-measures/catalogue.js'
import { Instant, InstantOut, IsoDate, Nullable, ref, Strict, StringEnum, Uuid } from '../schema/helpers.js'

const text = (max: number) => Type.String({ minLength: 1, maxLength: max })
const MeasureId = (options: { description?: string } = {}) => Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100, ...options })

export const InterventionCreateSchema = Strict(
  {
    allocationId: Uuid({ description: 'The active allocation the work follows; one intervention per allocation' }),
    startedAt: Type.Optional(Instant({ description: 'Defaults to now; not in the future, not before the allocation' })),
  },
  { $id: 'InterventionCreate' },
)

export const REVIEW_DECISIONS = ['continue', 'extend', 'end'] as const
export const ReviewCreateSchema = Strict(
  {
    heldAt: Type.Optional(Instant()),
    decision: StringEnum(REVIEW_DECISIONS, {
      description:
        '`continue` as planned; `extend` the work to `extendedUntil` (managers); `end`: agree to end, then record the ending with its summary (managers)',
    }),
    extendedUntil: Type.Optional(
      IsoDate({
        description:
          'Required with `extend`: the new planned end date. Past the maximum duration (6 months plus any suspension) only with a manager’s recorded duration exception',
      }),
    ),
    notes: Type.Optional(text(5000)),
  },
  { $id: 'ReviewCreate' },
)
export const ConsentExtensionCreateSchema = Strict(
  {
    extendedAt: Type.Optional(Instant()),
    until: IsoDate({ description: 'The date the extended consent lasts to: after the initial 3 months, at most 6 months from the start' }),
    recordedBy: text(200),
  },
  { $id: 'ConsentExtensionCreate', description: 'The family’s consent, given for 3 months, extended once to at most 6 months in all (000 §1)' },
)
export const ConsentRenewalCreateSchema = Strict(
  {
    renewedAt: Type.Optional(Instant({ description: 'When the family consented again; after their consent lapsed' })),
    until: IsoDate({ description: 'The date the renewed consent lasts to; not after the latest the intervention may run to' }),
    recordedBy: text(200),
    notes: Type.Optional(text(5000)),
  },
  { $id: 'ConsentRenewalCreate', description: 'The family consents again after their consent lapsed (000 §1): the work continues to `until`' },
)
export const AUDIT_KINDS = ['first', 'three_month', 'final'] as const
export const AuditCreateSchema = Strict(
  {
    kind: StringEnum(AUDIT_KINDS, { description: 'Within 4 weeks of the start, at 3 months, and at 6 months or at the end (000 §10)' }),
    recordedAt: Type.Optional(Instant()),
    auditor: text(200),
    notes: Type.Optional(text(5000)),
  },
  { $id: 'AuditCreate' },
)
export const JointSupervisionCreateSchema = Strict(
  { heldAt: Type.Optional(Instant()), attendees: Type.Optional(Type.Array(text(200), { maxItems: 20 })), notes: Type.Optional(text(5000)) },
  { $id: 'JointSupervisionCreate' },
)
export const MEETING_KINDS = ['first', 'taf_review', 'final'] as const
export const MeetingCreateSchema = Strict(
  {
    kind: StringEnum(MEETING_KINDS, {
      description:
        'Team Around the Family meetings (document 002): the first meeting, the reviews every 8 weeks after it, and the final meeting before closure',
    }),
    heldAt: Type.Optional(Instant()),
    attendees: Type.Optional(Type.Array(text(200), { maxItems: 30 })),
    notes: Type.Optional(text(5000)),
  },
  { $id: 'MeetingCreate' },
)
export const FiveMonthCheckCreateSchema = Strict(
  { heldAt: Type.Optional(Instant()), checkedBy: text(200), notes: Type.Optional(text(5000)) },
  { $id: 'FiveMonthCheckCreate', description: 'The co-ordinator’s assurance that work open 5 months remains active and purposeful (document 002)' },
)
export const SuspendSchema = Strict({ at: Type.Optional(Instant()), reason: text(2000) }, { $id: 'InterventionSuspend' })
export const ResumeSchema = Strict({ at: Type.Optional(Instant()) }, { $id: 'InterventionResume' })
export const DurationExceptionCreateSchema = Strict(
  {
    recordedAt: Type.Optional(Instant()),
    until: IsoDate({ description: 'How long past the maximum duration the work may run' }),
    reason: text(5000),
    agreedBy: text(200),
  },
  { $id: 'DurationExceptionCreate', description: 'A manager’s recorded exception to work past 6 months (000 §6; 003: "in some cases longer")' },
)
export const EndSchema = Strict(
  {
    endedAt: Type.Optional(Instant()),
    summary: text(10000),
    childViews: text(10000),
    progress: text(10000),
    onwardSupport: text(10000),
    handover: Type.Optional(text(5000)),
    finalAudit: Type.Optional(
      Strict(
        { auditor: text(200), notes: Type.Optional(text(5000)) },
        { description: 'The final audit, when it is done at the ending; otherwise its clock stays open until it is recorded' },
      ),
    ),
  },
  { $id: 'InterventionEnd', description: 'The summary of work (000 §6): progress towards the agreed outcomes, the child’s views, onward support and handover' },
)
export const BaselineFollowUpCreateSchema = Strict(
  {
    recordedAt: Type.Optional(Instant()),
    results: Type.Array(Strict({ measureId: MeasureId(), achieved: Type.Boolean(), notes: Type.Optional(text(2000)) }), { minItems: 1, maxItems: 20 }),
  },
  { $id: 'BaselineFollowUpCreate', description: 'The baseline measures checked 6 months after the intervention ended (000 Appendix 2)' },
)

export const MeasureSelectionCreateSchema = Strict(
  {
    measureIds: Type.Array(MeasureId(), { minItems: 1, maxItems: 30, uniqueItems: true }),
    selectedBy: Type.Array(StringEnum(SELECTORS), { minItems: 1, maxItems: 3, uniqueItems: true, description: 'Who chose them, collaboratively (000 §7)' }),
    selectedAt: Type.Optional(Instant()),
  },
  { $id: 'OutcomeMeasureSelectionCreate' },
)
export const OutcomeScoreCreateSchema = Strict(
  {
    measureId: MeasureId({ description: 'A scored measure selected for this intervention' }),
    phase: StringEnum(PHASES),
    perspective: StringEnum(PERSPECTIVES),
    score: Type.Integer({ minimum: 1, maximum: 10, description: 'The 10-point scale: 1 (worst) to 10 (best)' }),
    recordedAt: Type.Optional(Instant()),
    notes: Type.Optional(text(2000)),
  },
  { $id: 'OutcomeScoreCreate' },
)

const entry = Type.Record(Type.String(), Type.Unknown())
export const SelectedMeasureSchema = Type.Object(
  { measureId: Type.String(), category: Type.String(), title: Type.String(), selectedBy: Type.Array(Type.String()), selectedAt: InstantOut() },
  { $id: 'SelectedOutcomeMeasure' },
)
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
    workingTogetherAgreement: Nullable(Type.String()),
    dangerStatements: Type.Array(Type.String()),
    safetyGoals: Type.Array(Type.String()),
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

export const ContactCreateSchema = Strict(
  {
    occurredAt: Instant({ description: 'When the visit or contact took place' }),
    recordedAt: Type.Optional(
      Instant({ description: 'When it was recorded on the case record; defaults to now. Within 2 working days of the contact (000 §13)' }),
    ),
    durationMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
    location: text(500),
    purpose: text(5000),
    present: Type.Array(text(200), { minItems: 1, maxItems: 30, description: 'Who was present' }),
    childSeenAlone: Type.Boolean({ description: 'Whether the child was seen separately' }),
    voiceOfChild: text(10000),
    observations: text(10000),
    analysis: text(10000),
    actions: text(5000),
    nextContactAt: Type.Optional(Instant({ description: 'The arrangement for making contact again, when one was made' })),
  },
  { $id: 'ContactCreate', description: 'A case recording in the Signs of Safety format (000 §13)' },
)
export const ContactSchema = Type.Object(
  {
    id: Uuid(),
    interventionId: Uuid(),
    familyId: Uuid(),
    teamId: Uuid(),
    practitionerId: Nullable(Uuid()),
    occurredAt: InstantOut(),
    recordedAt: InstantOut(),
    durationMinutes: Type.Integer(),
    location: Type.String(),
    purpose: Type.String(),
    present: Type.Array(Type.String()),
    childSeenAlone: Type.Boolean(),
    voiceOfChild: Type.String(),
    observations: Type.String(),
    analysis: Type.String(),
    actions: Type.String(),
    nextContactAt: Nullable(InstantOut()),
    sla: ref(SlaBlockSchema),
    createdAt: InstantOut(),
    updatedAt: InstantOut(),
    version: Type.Integer(),
  },
  { $id: 'Contact' },
)
export const ContactPageSchema = Page(Type.Unsafe<Static<typeof ContactSchema>>(Type.Ref('Contact')), 'ContactPage')
export const ContactListQuery = Strict({ ...PageQuery, ...AsOfQuery })

export const OutcomeScoreSchema = Type.Object(
  {
    id: Uuid(),
    interventionId: Uuid(),
    measureId: Type.String(),
    phase: StringEnum(PHASES),
    perspective: StringEnum(PERSPECTIVES),
    score: Type.Integer(),
    recordedAt: InstantOut(),
    notes: Nullable(Type.String()),
    createdAt: InstantOut(),
    updatedAt: InstantOut(),
    version: Type.Integer(),
  },
  { $id: 'OutcomeScore' },
)
export const OutcomeScoreListSchema = Type.Object(
  { items: Type.Array(Type.Unsafe<Static<typeof OutcomeScoreSchema>>(Type.Ref('OutcomeScore'))) },
  { $id: 'OutcomeScoreList' },
)

export type InterventionListFilters = Static<typeof InterventionListQuery>
export type ContactCreate = Static<typeof ContactCreateSchema>
export type EndInput = Static<typeof EndSchema>
export const interventionSchemas = [
  InterventionCreateSchema,
  ReviewCreateSchema,
  ConsentExtensionCreateSchema,
  ConsentRenewalCreateSchema,
  AuditCreateSchema,
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
  SelectedMeasureSchema,
  InterventionSchema,
  InterventionPageSchema,
  ContactCreateSchema,
  ContactSchema,
  ContactPageSchema,
  OutcomeScoreSchema,
  OutcomeScoreListSchema,
]
