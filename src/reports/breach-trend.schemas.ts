import { type Static, Type } from '@sinclair/typebox'
import { AsOfQuery } from '../http/schemas.js'
import { IsoDate, Nullable, Strict, StringEnum, Uuid } from '../schema/helpers.js'

export const TREND_INTERVALS = ['week', 'month'] as const
export const TREND_GROUPS = ['standard', 'team'] as const

export const BreachTrendQuery = Strict({
  from: IsoDate({ description: 'The first due date counted' }),
  to: IsoDate({ description: 'The last due date counted; at most 104 weeks or 60 months after `from`' }),
  interval: Type.Optional(StringEnum(TREND_INTERVALS, { description: 'Periods of ISO weeks (from Monday) or calendar months; default month' })),
  groupBy: Type.Optional(StringEnum(TREND_GROUPS, { description: 'Rows per standard or per team within each period; default standard' })),
  teamId: Type.Optional(Uuid()),
  standard: Type.Optional(Type.String({ pattern: '^[a-z0-9-]+$', maxLength: 64 })),
  ...AsOfQuery,
})

const count = (description: string) => Type.Integer({ minimum: 0, description })
export const BreachTrendRowSchema = Type.Object(
  {
    period: Type.String({ description: 'The period’s first day (YYYY-MM-DD)' }),
    key: Type.String({ description: 'The standard key or team id' }),
    label: Type.String({ description: 'The standard key, or the team’s name' }),
    met: count('Clocks due in the period stopped by their due instant'),
    metLate: count('Clocks due in the period stopped after it'),
    missed: count('Clocks due in the period closed after it without the work being done'),
    overdue: count('Clocks due in the period still open and past due as of `asOf`'),
  },
  { $id: 'BreachTrendRow' },
)

export const BreachTrendSchema = Type.Object(
  {
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date' }),
    interval: StringEnum(TREND_INTERVALS),
    groupBy: StringEnum(TREND_GROUPS),
    asOf: Type.String({ format: 'date-time' }),
    periods: Type.Array(Type.String(), { description: 'Every period of the range, first days, in order (some may have no rows)' }),
    teamId: Nullable(Type.String({ format: 'uuid' })),
    rows: Type.Array(Type.Unsafe<Static<typeof BreachTrendRowSchema>>(Type.Ref('BreachTrendRow')), {
      description: 'By period, then key; only groups with a clock due in the period',
    }),
  },
  { $id: 'BreachTrend' },
)

export type BreachTrendParams = Static<typeof BreachTrendQuery>
export type BreachTrendRow = Static<typeof BreachTrendRowSchema>
export type BreachTrend = Static<typeof BreachTrendSchema>
export const breachTrendSchemas = [BreachTrendRowSchema, BreachTrendSchema]
