import { type Static, Type } from '@sinclair/typebox'
import { CONSULTATION_STATUSES } from '../db/tables/consultation.table.js'
import { AsOfQuery, Page, PageQuery, SlaBlockSchema } from '../http/schemas.js'
import { SPECIALISMS } from '../practitioners/practitioner.schemas.js'
import { Instant, InstantOut, Nullable, ref, Strict, StringEnum, Uuid } from '../schema/helpers.js'

export { CONSULTATION_STATUSES }

const text = (max: number) => Type.String({ minLength: 1, maxLength: max })

export const ConsultationCreateSchema = Strict(
  {
    familyId: Uuid(),
    teamId: Uuid(),
    serviceRequestId: Type.Optional(Uuid({ description: 'The request for a consultation, when there was one' })),
    practitionerId: Type.Optional(Uuid({ description: 'The specialist who gave the consultation' })),
    specialism: Type.Optional(StringEnum(SPECIALISMS)),
    heldAt: Type.Optional(Instant({ description: 'Defaults to now; not in the future' })),
    attendees: Type.Optional(Type.Array(text(200), { maxItems: 30 })),
    summary: Type.Optional(text(10000)),
  },
  { $id: 'ConsultationCreate' },
)
export const ConsultationRecordSchema = Strict(
  { recordedAt: Type.Optional(Instant()), recommendations: text(10000) },
  { $id: 'ConsultationRecord', description: 'The consultation written up on the case record, with its recommendations' },
)
export const SupervisorDiscussionSchema = Strict(
  { discussedAt: Type.Optional(Instant()), notes: Type.Optional(text(5000)) },
  { $id: 'SupervisorDiscussion', description: 'The social worker has discussed the recommendations with their supervisor' },
)
export const ConsultationSchema = Type.Object(
  {
    id: Uuid(),
    familyId: Uuid(),
    teamId: Uuid(),
    serviceRequestId: Nullable(Uuid()),
    practitionerId: Nullable(Uuid()),
    specialism: Nullable(StringEnum(SPECIALISMS)),
    heldAt: InstantOut(),
    attendees: Type.Array(Type.String()),
    summary: Nullable(Type.String()),
    recordedAt: Nullable(InstantOut()),
    recommendations: Nullable(Type.String()),
    supervisorDiscussedAt: Nullable(InstantOut()),
    supervisorNotes: Nullable(Type.String()),
    status: StringEnum(CONSULTATION_STATUSES),
    sla: ref(SlaBlockSchema),
    createdAt: InstantOut(),
    updatedAt: InstantOut(),
    version: Type.Integer(),
  },
  { $id: 'Consultation' },
)
export const ConsultationPageSchema = Page(Type.Unsafe<Static<typeof ConsultationSchema>>(Type.Ref('Consultation')), 'ConsultationPage')
export const ConsultationListQuery = Strict({
  ...PageQuery,
  ...AsOfQuery,
  teamId: Type.Optional(Uuid()),
  familyId: Type.Optional(Uuid()),
  practitionerId: Type.Optional(Uuid()),
  status: Type.Optional(StringEnum(CONSULTATION_STATUSES)),
})

export type ConsultationCreate = Static<typeof ConsultationCreateSchema>
export type ConsultationRecord = Static<typeof ConsultationRecordSchema>
export type SupervisorDiscussion = Static<typeof SupervisorDiscussionSchema>
export type ConsultationListFilters = Static<typeof ConsultationListQuery>
export const consultationSchemas = [ConsultationCreateSchema, ConsultationRecordSchema, SupervisorDiscussionSchema, ConsultationSchema, ConsultationPageSchema]
