import { type Static, Type } from '@sinclair/typebox'
import { ConsentGiverSchema } from '../consents/consent.schemas.js'
import { DECISIONS, FINAL_STATUSES, REQUEST_KINDS, REQUEST_STATUSES, ROUTES } from '../db/tables/service-request.table.js'
import { AsOfQuery, ExternalRefSchema, Page, PageQuery, SlaBlockSchema } from '../http/schemas.js'
import { Instant, InstantOut, Nullable, ref, Strict, StringEnum, Uuid } from '../schema/helpers.js'

export { DECISIONS, FINAL_STATUSES, REQUEST_KINDS, REQUEST_STATUSES, ROUTES }

const text = (max: number) => Type.String({ minLength: 1, maxLength: max })

export const PersonRefSchema = Strict(
  {
    name: text(200),
    role: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9_]+$', description: 'e.g. social_worker' }),
    organisation: Type.Optional(Type.String({ maxLength: 200 })),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
    phone: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { $id: 'PersonRef', description: 'A professional outside the service, e.g. the requesting social worker' },
)

export const ConsentSchema = Strict(
  {
    given: Type.Boolean({ description: 'Must be true for the request to progress (except where consent is obtained at the first visit)' }),
    recordedAt: Instant({ description: 'When consent was recorded; not in the future' }),
    recordedBy: text(200),
    givenBy: Type.Optional(ref(ConsentGiverSchema)),
  },
  { $id: 'Consent' },
)

const requestFields = {
  kind: StringEnum(REQUEST_KINDS, { description: 'intervention (direct work) or consultation (specialist advice)' }),
  route: StringEnum(ROUTES, { description: 'How the request reached the service' }),
  focus: text(2000),
  targetOutcomes: Type.Array(text(500), { maxItems: 20 }),
  requestedBy: ref(PersonRefSchema),
}

export const ServiceRequestCreateSchema = Strict(
  {
    familyId: Uuid(),
    teamId: Uuid(),
    ...requestFields,
    targetOutcomes: Type.Optional(requestFields.targetOutcomes),
    consent: Type.Optional(ref(ConsentSchema)),
    eligibilityOverride: Type.Optional(
      Strict(
        { reason: text(2000) },
        { description: 'A manager’s reason to accept a request for direct work although the family is outside the preset’s eligibility (000 §3, §8)' },
      ),
    ),
    receivedAt: Type.Optional(Instant({ description: 'When the request was received; defaults to now; not in the future' })),
    externalRefs: Type.Optional(Type.Array(ref(ExternalRefSchema), { maxItems: 20 })),
  },
  { $id: 'ServiceRequestCreate' },
)

export const ServiceRequestPatchSchema = Strict(
  {
    focus: Type.Optional(requestFields.focus),
    targetOutcomes: Type.Optional(requestFields.targetOutcomes),
    requestedBy: Type.Optional(requestFields.requestedBy),
    externalRefs: Type.Optional(Type.Array(ref(ExternalRefSchema), { maxItems: 20 })),
  },
  { $id: 'ServiceRequestPatch', minProperties: 1 },
)

export const DecisionCreateSchema = Strict(
  {
    decision: StringEnum(DECISIONS),
    decidedAt: Type.Optional(Instant({ description: 'Defaults to now; not in the future' })),
    decidedBy: text(200),
    reason: Type.Optional(text(2000)),
  },
  { $id: 'DecisionCreate', description: 'A reason is required to decline or return a request' },
)
export const DecisionSchema = Type.Object(
  { decision: StringEnum(DECISIONS), decidedAt: InstantOut(), decidedBy: Type.String(), reason: Nullable(Type.String()) },
  { $id: 'Decision' },
)

export const WithdrawSchema = Strict({ withdrawnAt: Type.Optional(Instant()), reason: text(2000) }, { $id: 'WithdrawRequest' })

export const ServiceRequestSchema = Type.Object(
  {
    id: Uuid(),
    familyId: Uuid(),
    teamId: Uuid(),
    ...requestFields,
    consent: Nullable(ref(ConsentSchema)),
    eligibilityOverride: Nullable(
      Type.Object(
        { reason: Type.String(), rules: Type.Array(Type.String({ description: 'e.g. tier, plan' })) },
        { description: 'Set when a manager accepted the request outside the eligibility rules it names' },
      ),
    ),
    receivedAt: InstantOut(),
    externalRefs: Type.Array(ref(ExternalRefSchema)),
    status: StringEnum(REQUEST_STATUSES),
    decision: Nullable(ref(DecisionSchema)),
    endedReason: Nullable(Type.String({ description: 'Why the request ended or was withdrawn, e.g. no_progress' })),
    endedAt: Nullable(InstantOut()),
    panelId: Nullable(Uuid({ description: 'The panel or allocation meeting that decided the request (001 §3; 000 §8), if one did' })),
    sla: ref(SlaBlockSchema),
    createdAt: InstantOut(),
    updatedAt: InstantOut(),
    version: Type.Integer(),
  },
  { $id: 'ServiceRequest' },
)
export const ServiceRequestPageSchema = Page(Type.Unsafe<Static<typeof ServiceRequestSchema>>(Type.Ref('ServiceRequest')), 'ServiceRequestPage')
export const ServiceRequestListQuery = Strict({
  ...PageQuery,
  ...AsOfQuery,
  teamId: Type.Optional(Uuid()),
  familyId: Type.Optional(Uuid()),
  status: Type.Optional(StringEnum(REQUEST_STATUSES)),
  kind: Type.Optional(StringEnum(REQUEST_KINDS)),
  externalRef: Type.Optional(Type.String({ pattern: '^[^|]+\\|.+$', description: 'system|value' })),
})

export type ServiceRequestCreate = Static<typeof ServiceRequestCreateSchema>
export type ServiceRequestPatch = Static<typeof ServiceRequestPatchSchema>
export type DecisionCreate = Static<typeof DecisionCreateSchema>
export type WithdrawRequest = Static<typeof WithdrawSchema>
export type ServiceRequestListFilters = Static<typeof ServiceRequestListQuery>
export const serviceRequestSchemas = [
  PersonRefSchema,
  ConsentSchema,
  ServiceRequestCreateSchema,
  ServiceRequestPatchSchema,
  DecisionCreateSchema,
  DecisionSchema,
  WithdrawSchema,
  ServiceRequestSchema,
  ServiceRequestPageSchema,
]
