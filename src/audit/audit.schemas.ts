import { type Static, Type } from '@sinclair/typebox'
import { Page, PageQuery } from '../http/schemas.js'
import { Instant, InstantOut, Nullable, Strict, StringEnum, Uuid } from '../schema/helpers.js'

export const AuditEventSchema = Type.Object(
  {
    id: Type.String({ description: 'change-<event id> or read-<read id>' }),
    kind: StringEnum(['change', 'read'] as const),
    at: InstantOut({ description: 'When the API recorded the change or served the read' }),
    apiKeyId: Nullable(Uuid({ description: 'The key used; null for the service acting on its own' })),
    actingUser: Nullable(Type.String()),
    requestId: Nullable(Type.String()),
    familyId: Nullable(Uuid()),
    teamId: Nullable(Uuid()),
    action: Type.String({ description: 'The event type of a change, or the method and route of a read' }),
    subjectType: Nullable(Type.String()),
    subjectId: Nullable(Type.String()),
    changes: Nullable(Type.Record(Type.String(), Type.Unknown(), { description: 'What changed (never names, dates of birth or addresses)' })),
  },
  { $id: 'AuditEvent' },
)
export const AuditEventPageSchema = Page(Type.Unsafe<Static<typeof AuditEventSchema>>(Type.Ref('AuditEvent')), 'AuditEventPage')
export const AuditQuery = Strict({
  ...PageQuery,
  familyId: Type.Optional(Uuid()),
  apiKeyId: Type.Optional(Uuid()),
  kind: Type.Optional(StringEnum(['change', 'read'] as const)),
  from: Type.Optional(Instant({ description: 'At or after' })),
  to: Type.Optional(Instant({ description: 'Before' })),
})
export type AuditFilters = Static<typeof AuditQuery>
export const auditSchemas = [AuditEventSchema, AuditEventPageSchema]
