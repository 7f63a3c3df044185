import { type Static, Type } from '@sinclair/typebox'
import { Page, PageQuery } from '../http/schemas.js'
import { InstantOut, Nullable, Strict, Uuid } from '../schema/helpers.js'
import { eventTypesDescription } from './event-catalogue.js'

const Position = (description: string) => Type.String({ pattern: '^\\d{1,20}-\\d{1,20}$', description })

export const FeedEventSchema = Type.Object(
  {
    position: Position('Where this event sits in the feed; pass it as `after` to read what follows'),
    id: Type.Integer({ description: 'The event id: unique, but the feed is ordered by `position`' }),
    type: Type.String({ description: eventTypesDescription }),
    subjectType: Type.String({ description: 'What the event is about, e.g. service_request, sla_clock, escalation' }),
    subjectId: Type.String(),
    familyId: Nullable(Uuid()),
    teamId: Nullable(Uuid()),
    occurredAt: InstantOut({ description: 'When it happened in the world (may be backfilled)' }),
    recordedAt: InstantOut({ description: 'When the API recorded it' }),
    actingUser: Nullable(Type.String()),
    requestId: Nullable(Type.String()),
    data: Type.Record(Type.String(), Type.Unknown(), { description: 'What changed; never names, dates of birth or addresses' }),
  },
  { $id: 'FeedEvent' },
)
export const FeedEventPageSchema = Page(Type.Unsafe<Static<typeof FeedEventSchema>>(Type.Ref('FeedEvent')), 'FeedEventPage')

export const FeedQuery = Strict({
  limit: PageQuery.limit,
  cursor: PageQuery.cursor,
  after: Type.Optional(Position('Read events after this position (an event’s `position`, or a `nextCursor`)')),
  type: Type.Optional(Type.String({ maxLength: 2000, pattern: '^[a-z0-9.-]+(,[a-z0-9.-]+)*$', description: 'Only these event types, comma-separated' })),
  familyId: Type.Optional(Uuid()),
  teamId: Type.Optional(Uuid()),
})

export type FeedListFilters = Static<typeof FeedQuery>
export const eventSchemas = [FeedEventSchema, FeedEventPageSchema]
