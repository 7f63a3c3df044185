import { type Static, type TObject, type TProperties, Type } from '@sinclair/typebox'
import { AllocationCreateSchema, CaseDiscussionCreateSchema, JointVisitCreateSchema } from '../allocations/allocation.schemas.js'
import { EscalationCreateSchema } from '../escalations/escalation.schemas.js'
import { FamilyCreateSchema } from '../families/family.schemas.js'
import { ExternalRefSchema, ProblemSchema } from '../http/schemas.js'
import { ContactCreateSchema } from '../interventions/contact.schemas.js'
import { InterventionCreateSchema } from '../interventions/intervention.schemas.js'
import { EndSchema, ReviewCreateSchema } from '../interventions/intervention-steps.schemas.js'
import { Instant, Nullable, ref, Strict, StringEnum } from '../schema/helpers.js'
import { DecisionCreateSchema, ServiceRequestCreateSchema, WithdrawSchema } from '../service-requests/service-request.schemas.js'

/** The fields of a create schema but `omit`, with `extra` in place of its own: a record as an import line gives it, its parents implied by where it sits. */
function without<P extends TProperties, K extends keyof P, E extends TProperties>(schema: TObject<P>, omit: readonly K[], extra: E) {
  const properties: Partial<P> = { ...schema.properties }
  for (const key of [...omit, ...Object.keys(extra)]) delete properties[key as keyof P]
  return Strict({ ...properties, ...extra } as Omit<P, K | keyof E> & E, { description: schema.description })
}

/** At least one reference: what makes a re-run of the same file find the record and skip it. */
const externalRefs = Type.Array(ref(ExternalRefSchema), {
  minItems: 1,
  maxItems: 20,
  description: 'The case system’s references; a re-run finds the record by them and skips it',
})

const InterventionImport = without(InterventionCreateSchema, ['allocationId'], {
  startedAt: Instant({ description: 'When the work started; not before the allocation' }),
  contacts: Type.Optional(Type.Array(ref(ContactCreateSchema), { maxItems: 500 })),
  reviews: Type.Optional(Type.Array(ref(ReviewCreateSchema), { maxItems: 50 })),
  end: Type.Optional(ref(EndSchema)),
})

const AllocationImport = without(AllocationCreateSchema, ['serviceRequestId'], {
  allocatedAt: Instant({ description: 'When the case was allocated' }),
  caseDiscussion: Type.Optional(ref(CaseDiscussionCreateSchema)),
  jointVisit: Type.Optional(ref(JointVisitCreateSchema)),
  intervention: Type.Optional(InterventionImport),
})

const RequestImport = without(ServiceRequestCreateSchema, ['familyId', 'teamId'], {
  receivedAt: Instant({ description: 'When the request was received' }),
  externalRefs,
  decision: Type.Optional(ref(DecisionCreateSchema)),
  withdrawal: Type.Optional(ref(WithdrawSchema)),
  allocation: Type.Optional(AllocationImport),
})

export const ImportCaseSchema = Strict(
  {
    family: without(FamilyCreateSchema, [], { externalRefs }),
    requests: Type.Optional(Type.Array(RequestImport, { maxItems: 50, description: 'In the order they were received' })),
    escalations: Type.Optional(Type.Array(without(EscalationCreateSchema, ['familyId', 'teamId'], {}), { maxItems: 50 })),
  },
  {
    $id: 'ImportCase',
    description:
      'One line of an import: a family and its history, each record as its own create body would be without the ids of its parents ' +
      '(the family’s team is the team of its requests and escalations). Applied in order, in one transaction.',
  },
)

export const IMPORT_LINE_OUTCOMES = ['created', 'skipped', 'failed'] as const

export const ImportLineResultSchema = Type.Object(
  {
    line: Type.Integer({ minimum: 1, description: 'The line number in the file (1-based; blank lines count)' }),
    outcome: StringEnum(IMPORT_LINE_OUTCOMES, {
      description: '`created`: something new was recorded; `skipped`: every record was already there; `failed`: nothing of the line was written',
    }),
    familyId: Nullable(Type.String({ format: 'uuid' })),
    created: Type.Object(
      { families: Type.Integer(), serviceRequests: Type.Integer(), escalations: Type.Integer() },
      { description: 'What the line added (on a dry run, what it would add)' },
    ),
    problem: Nullable(ref(ProblemSchema)),
  },
  { $id: 'ImportLineResult' },
)

export const ImportResultSchema = Type.Object(
  {
    dryRun: Type.Boolean(),
    lines: Type.Integer({ description: 'Lines read, blank lines excepted' }),
    created: Type.Integer({ description: 'Lines that recorded something new' }),
    skipped: Type.Integer(),
    failed: Type.Integer(),
    results: Type.Array(ref(ImportLineResultSchema)),
  },
  { $id: 'ImportResult' },
)

export const ImportQuery = Strict({
  dryRun: Type.Optional(Type.Boolean({ description: 'Validate and apply every line, then roll each back: nothing is written' })),
})

export type ImportCase = Static<typeof ImportCaseSchema>
export type ImportResult = Static<typeof ImportResultSchema>
export type ImportLineResult = Static<typeof ImportLineResultSchema>
export const importSchemas = [ImportCaseSchema, ImportLineResultSchema, ImportResultSchema]
