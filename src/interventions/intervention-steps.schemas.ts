import { type Static, Type } from '@sinclair/typebox'
import { Instant, IsoDate, Strict, StringEnum } from '../schema/helpers.js'
import { MeasureId } from './outcome-score.schemas.js'

const text = (max: number) => Type.String({ minLength: 1, maxLength: max })

export const REVIEW_DECISIONS = ['continue', 'extend', 'end'] as const
/** The qualitative aspects a casework audit looks at (000 §10). */
export const AUDIT_ASPECTS = ['voice_of_child', 'timely_and_effective', 'quality_and_interagency_working', 'recording', 'reflection_and_learning'] as const
export const AUDIT_GRADES = ['outstanding', 'good', 'requires_improvement', 'inadequate'] as const
export const FEEDBACK_GIVERS = ['parent_carer', 'child', 'family'] as const

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
    aspects: Type.Optional(
      Type.Array(Strict({ aspect: StringEnum(AUDIT_ASPECTS), grade: StringEnum(AUDIT_GRADES), finding: Type.Optional(text(5000)) }), {
        maxItems: AUDIT_ASPECTS.length,
        description: 'What was looked at (the qualitative aspects of 000 §10), each with its grade and finding',
      }),
    ),
    grade: Type.Optional(StringEnum(AUDIT_GRADES, { description: 'The audit’s overall grade' })),
    actions: Type.Optional(Type.Array(text(2000), { maxItems: 30, description: 'What is to be done as a result' })),
  },
  { $id: 'AuditCreate' },
)
export const FamilyFeedbackCreateSchema = Strict(
  {
    receivedAt: Type.Optional(Instant({ description: 'Defaults to now' })),
    from: StringEnum(FEEDBACK_GIVERS),
    feedback: text(10000),
    howHelpful: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, description: 'How helpful the family found the work, 1 (not at all) to 10' })),
  },
  { $id: 'FamilyFeedbackCreate', description: 'Feedback and evaluation from the family at the end of the work (000 §6, §10)' },
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

export type ReviewCreate = Static<typeof ReviewCreateSchema>
export type ConsentExtensionCreate = Static<typeof ConsentExtensionCreateSchema>
export type ConsentRenewalCreate = Static<typeof ConsentRenewalCreateSchema>
export type AuditCreate = Static<typeof AuditCreateSchema>
export type JointSupervisionCreate = Static<typeof JointSupervisionCreateSchema>
export type MeetingCreate = Static<typeof MeetingCreateSchema>
export type FiveMonthCheckCreate = Static<typeof FiveMonthCheckCreateSchema>
export type InterventionSuspend = Static<typeof SuspendSchema>
export type InterventionResume = Static<typeof ResumeSchema>
export type DurationExceptionCreate = Static<typeof DurationExceptionCreateSchema>
export type InterventionEnd = Static<typeof EndSchema>
export type FamilyFeedbackCreate = Static<typeof FamilyFeedbackCreateSchema>
export type BaselineFollowUpCreate = Static<typeof BaselineFollowUpCreateSchema>
