import { type Static, Type } from '@sinclair/typebox'
import { AsOfQuery, PageQuery, SlaClockSchema } from '../http/schemas.js'
import { InstantOut, IsoDate, Nullable, Strict, StringEnum, Uuid } from '../schema/helpers.js'
import { BREACH_STATUSES } from './breach.predicates.js'

const filters = {
  standard: Type.Optional(Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64, description: 'A standard key, e.g. allocation' })),
  teamId: Type.Optional(Uuid()),
  practitionerId: Type.Optional(Uuid()),
  familyId: Type.Optional(Uuid()),
  dueFrom: Type.Optional(IsoDate({ description: 'Due on or after this date' })),
  dueTo: Type.Optional(IsoDate({ description: 'Due on or before this date' })),
}

export const BreachListQuery = Strict({
  ...PageQuery,
  ...AsOfQuery,
  ...filters,
  status: Type.Optional(
    Type.Union([StringEnum(BREACH_STATUSES), Type.Array(StringEnum(BREACH_STATUSES), { minItems: 1, maxItems: 4 })], {
      description:
        'overdue (open, past its due instant), due_soon (open, within its due-soon working days), ' +
        'missed (closed after its due instant without its work done) or met_late (stopped after its due instant); repeat for several; ' +
        'all four by default',
    }),
  ),
})

export const BreachSchema = Type.Object(
  {
    ...SlaClockSchema.properties,
    familyId: Nullable(Uuid({ description: 'Null for a practitioner’s own clock (supervision, 000 §11)' })),
    teamId: Uuid(),
    practitionerId: Nullable(Uuid()),
    serviceRequestId: Nullable(Uuid()),
    lateReason: Nullable(Type.String()),
  },
  { $id: 'Breach' },
)
export const BreachPageSchema = Type.Object(
  { asOf: InstantOut(), items: Type.Array(Type.Unsafe<Static<typeof BreachSchema>>(Type.Ref('Breach'))), nextCursor: Nullable(Type.String()) },
  { $id: 'BreachPage' },
)

export const GROUP_BY = ['standard', 'team', 'practitioner', 'month'] as const
export const BreachSummaryQuery = Strict({ ...AsOfQuery, ...filters, groupBy: StringEnum(GROUP_BY, { description: 'month is the month of the due date' }) })
export const BreachSummarySchema = Type.Object(
  {
    asOf: InstantOut(),
    groupBy: StringEnum(GROUP_BY),
    items: Type.Array(
      Type.Object({
        key: Nullable(Type.String({ description: 'The standard key, team id, practitioner id (null: none) or YYYY-MM' })),
        label: Nullable(Type.String({ description: 'The team’s or practitioner’s name' })),
        overdue: Type.Integer(),
        dueSoon: Type.Integer(),
        missed: Type.Integer(),
        metLate: Type.Integer(),
      }),
    ),
  },
  { $id: 'BreachSummary' },
)

export type BreachListFilters = Static<typeof BreachListQuery>
export type BreachSummaryFilters = Static<typeof BreachSummaryQuery>
export const breachSchemas = [BreachSchema, BreachPageSchema, BreachSummarySchema]
