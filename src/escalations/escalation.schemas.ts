import { type Static, Type } from '@sinclair/typebox'
import { DISAGREEMENT_LEVELS, ESCALATION_KINDS, ESCALATION_STATUSES, HUB_CONTACT_METHODS, STEP_UP_OUTCOMES } from '../db/tables/escalation.table.js'
import { AsOfQuery, Page, PageQuery, SlaBlockSchema } from '../http/schemas.js'
import { Instant, InstantOut, Nullable, ref, Strict, StringEnum, Uuid } from '../schema/helpers.js'

export { DISAGREEMENT_LEVELS, ESCALATION_KINDS, ESCALATION_STATUSES, HUB_CONTACT_METHODS, STEP_UP_OUTCOMES }

const text = (max: number, options: { description?: string } = {}) => Type.String({ minLength: 1, maxLength: max, ...options })

const PersonSchema = Strict(
  {
    name: text(200),
    role: text(100),
    organisation: Type.Optional(text(200)),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    phone: Type.Optional(text(40)),
  },
  { $id: 'EscalationPerson', description: 'A lead professional or lead practitioner' },
)
const ActSchema = Type.Object(
  { at: InstantOut(), by: Nullable(Type.String()), text: Nullable(Type.String()) },
  { $id: 'EscalationAct', description: 'Something done on the escalation: when, by whom, and what was said or decided' },
)
const StepSchema = Type.Object(
  { level: StringEnum(DISAGREEMENT_LEVELS), at: InstantOut(), by: Type.String(), notes: Nullable(Type.String()) },
  { $id: 'EscalationStep' },
)

const parentsInformedFields = {
  parentsInformed: Type.Optional(
    Type.Boolean({
      description: 'Safeguarding concern: whether the parents (and the child, if old enough) were told before the contact to social care (004 §7)',
    }),
  ),
  parentsNotInformedReason: Type.Optional(
    text(5000, { description: 'Why the parents were not told first: telling them would have increased the risk of harm to the child (004 §7)' }),
  ),
}

export const EscalationCreateSchema = Strict(
  {
    kind: StringEnum(ESCALATION_KINDS),
    familyId: Uuid(),
    teamId: Uuid(),
    raisedAt: Type.Optional(Instant({ description: 'Defaults to now; not in the future. For a safeguarding concern, when the incident was identified' })),
    raisedBy: text(200),
    subject: Type.Optional(text(500)),
    level: Type.Optional(StringEnum(DISAGREEMENT_LEVELS, { description: 'disagreement: where on the ladder it stands now (default senior_practitioner)' })),
    reason: Type.Optional(text(5000)),
    leadProfessional: Type.Optional(ref(PersonSchema)),
    ...parentsInformedFields,
  },
  {
    $id: 'EscalationCreate',
    description:
      '`disagreement` needs `subject` (e.g. Threshold decision) and takes `level`; ' +
      '`step_up` needs `reason` and `leadProfessional` (who takes over in social care) and is idempotent on the family’s open step-up; ' +
      '`step_down` needs `leadProfessional` (the new lead practitioner agreed) and is complete when recorded; `safeguarding_concern` needs `subject` and takes `parentsInformed` (with `parentsNotInformedReason` when false), which may wait until the contact to the hub.',
  },
)
export const EscalationStepCreateSchema = Strict(
  { level: StringEnum(DISAGREEMENT_LEVELS), at: Type.Optional(Instant()), by: text(200), notes: Type.Optional(text(5000)) },
  { $id: 'EscalationStepCreate', description: 'A step up the disagreement ladder: strictly higher than the current level' },
)
export const EscalationActCreateSchema = Strict(
  { at: Type.Optional(Instant({ description: 'Defaults to now; not in the future' })), by: Type.Optional(text(200)), text: Type.Optional(text(10000)) },
  { $id: 'EscalationActCreate' },
)
export const EscalationDecisionCreateSchema = Strict(
  { at: Type.Optional(Instant()), by: text(200), text: text(10000) },
  { $id: 'EscalationDecisionCreate', description: 'The decision, who made it and when' },
)
export const StepUpOutcomeCreateSchema = Strict(
  { outcome: StringEnum(STEP_UP_OUTCOMES), at: Type.Optional(Instant()), notes: Type.Optional(text(5000)) },
  {
    $id: 'StepUpOutcomeCreate',
    description: 'The outcome of a step-up (004 §9): advice, discussion at the action meeting, a formal contact, or social care’s decision',
  },
)
export const HubContactCreateSchema = Strict(
  { method: StringEnum(HUB_CONTACT_METHODS), at: Type.Optional(Instant()), by: Type.Optional(text(200)), ...parentsInformedFields },
  {
    $id: 'HubContactCreate',
    description:
      'A contact to the safeguarding hub (EHASH); by phone, it is to be followed up in writing within 48 hours. Whether the parents were told first (`parentsInformed`, and `parentsNotInformedReason` when not) is required unless the concern already records it (004 §7).',
  },
)

export const EscalationSchema = Type.Object(
  {
    id: Uuid(),
    kind: StringEnum(ESCALATION_KINDS),
    familyId: Uuid(),
    teamId: Uuid(),
    status: StringEnum(ESCALATION_STATUSES),
    level: Nullable(StringEnum(DISAGREEMENT_LEVELS)),
    subject: Nullable(Type.String()),
    raisedAt: InstantOut(),
    raisedBy: Type.String(),
    reason: Nullable(Type.String()),
    leadProfessional: Nullable(ref(PersonSchema)),
    parentsInformed: Nullable(Type.Boolean({ description: 'Safeguarding concern: whether the parents were told before the contact to social care' })),
    parentsNotInformedReason: Nullable(Type.String()),
    outcome: Nullable(Type.Object({ outcome: StringEnum(STEP_UP_OUTCOMES), at: InstantOut(), notes: Nullable(Type.String()) })),
    steps: Type.Array(ref(StepSchema)),
    raisedWithManager: Nullable(ref(ActSchema)),
    hubContacts: Type.Array(Type.Object({ at: InstantOut(), method: StringEnum(HUB_CONTACT_METHODS), by: Nullable(Type.String()) })),
    writtenFollowUpAt: Nullable(InstantOut()),
    feedback: Nullable(ref(ActSchema)),
    resolution: Nullable(ref(ActSchema)),
    finalDecision: Nullable(ref(ActSchema)),
    withdrawal: Nullable(ref(ActSchema)),
    closedAt: Nullable(InstantOut()),
    sla: ref(SlaBlockSchema),
    createdAt: InstantOut(),
    updatedAt: InstantOut(),
    version: Type.Integer(),
  },
  { $id: 'Escalation' },
)
export const EscalationPageSchema = Page(Type.Unsafe<Static<typeof EscalationSchema>>(Type.Ref('Escalation')), 'EscalationPage')
export const EscalationListQuery = Strict({
  ...PageQuery,
  ...AsOfQuery,
  kind: Type.Optional(StringEnum(ESCALATION_KINDS)),
  status: Type.Optional(StringEnum(ESCALATION_STATUSES)),
  familyId: Type.Optional(Uuid()),
  teamId: Type.Optional(Uuid()),
})

export type EscalationCreate = Static<typeof EscalationCreateSchema>
export type EscalationStepCreate = Static<typeof EscalationStepCreateSchema>
export type EscalationActCreate = Static<typeof EscalationActCreateSchema>
export type EscalationDecisionCreate = Static<typeof EscalationDecisionCreateSchema>
export type StepUpOutcomeCreate = Static<typeof StepUpOutcomeCreateSchema>
export type HubContactCreate = Static<typeof HubContactCreateSchema>
export type EscalationListFilters = Static<typeof EscalationListQuery>
export const escalationSchemas = [
  PersonSchema,
  ActSchema,
  StepSchema,
  EscalationCreateSchema,
  EscalationStepCreateSchema,
  EscalationActCreateSchema,
  EscalationDecisionCreateSchema,
  StepUpOutcomeCreateSchema,
  HubContactCreateSchema,
  EscalationSchema,
  EscalationPageSchema,
]
