import { type Static, Type } from '@sinclair/typebox'
import { PageQuery } from '../http/schemas.js'
import { InstantOut, Nullable, Strict, StringEnum, Uuid } from '../schema/helpers.js'

/** What a timeline entry is about: the part of its event type before the dot. */
export const TIMELINE_KINDS = [
  'family',
  'service-request',
  'allocation',
  'consultation',
  'consent',
  'panel',
  'assessment',
  'plan',
  'plan-action',
  'intervention',
  'contact',
  'escalation',
  'sla-clock',
] as const

export const TimelineEntrySchema = Type.Object(
  {
    eventId: Type.String({ description: 'The event’s id in the feed (/events)' }),
    type: Type.String({ description: 'e.g. service-request.accepted, allocation.joint-visit-held, sla-clock.overdue' }),
    kind: Type.String({ description: 'What it is about: the part of its type before the dot' }),
    subjectType: Type.String(),
    subjectId: Type.String(),
    serviceRequestId: Nullable(Uuid()),
    occurredAt: InstantOut(),
    recordedAt: InstantOut(),
    data: Type.Record(Type.String(), Type.Unknown()),
  },
  { $id: 'TimelineEntry' },
)
export const FamilyTimelineSchema = Type.Object(
  {
    familyId: Uuid(),
    teamId: Uuid(),
    items: Type.Array(Type.Unsafe<Static<typeof TimelineEntrySchema>>(Type.Ref('TimelineEntry'))),
    nextCursor: Nullable(Type.String()),
  },
  { $id: 'FamilyTimeline' },
)
export const TimelineQuery = Strict({
  ...PageQuery,
  kind: Type.Optional(StringEnum(TIMELINE_KINDS, { description: 'Only entries of this kind' })),
})
export type TimelineFilters = Static<typeof TimelineQuery>
export const timelineSchemas = [TimelineEntrySchema, FamilyTimelineSchema]
