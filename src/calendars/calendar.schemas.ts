import { type Static, Type } from '@sinclair/typebox'
import { DIVISIONS } from '../calendar/index.js'
import { Page, PageQuery } from '../http/schemas.js'
import { InstantOut, IsoDate, Strict, StringEnum } from '../schema/helpers.js'

export const CalendarIdParams = Strict({ id: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64, description: 'Calendar id' }) })
const division = StringEnum(DIVISIONS, { description: 'The UK division whose bank holidays apply' })
const title = Type.String({ minLength: 1, maxLength: 200 })

export const ClosureSchema = Strict({ date: IsoDate(), title }, { $id: 'Closure', description: 'A day the service is closed: not a working day' })

export const CalendarCreateSchema = Strict(
  {
    id: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 2, maxLength: 64, description: 'kebab-case id, e.g. council-closures' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    basedOn: division,
    closures: Type.Optional(Type.Array(Type.Unsafe<Static<typeof ClosureSchema>>(Type.Ref('Closure')), { maxItems: 1000 })),
  },
  { $id: 'CalendarCreate' },
)

export const CalendarSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    basedOn: division,
    builtIn: Type.Boolean({ description: 'true for the three division calendars' }),
    timeZone: Type.String(),
    closures: Type.Array(Type.Unsafe<Static<typeof ClosureSchema>>(Type.Ref('Closure'))),
    version: Type.Integer({ description: 'Changes whenever the calendar’s days change' }),
    createdAt: InstantOut(),
    updatedAt: InstantOut(),
  },
  { $id: 'Calendar' },
)
export const CalendarPageSchema = Page(Type.Unsafe<Static<typeof CalendarSchema>>(Type.Ref('Calendar')), 'CalendarPage')
export const CalendarListQuery = Strict(PageQuery)

const rangeFields = {
  from: IsoDate({ description: 'First date (1990-01-01 or later)' }),
  to: IsoDate({ description: 'Last date (2100-12-31 or earlier)' }),
}

export const HolidaysQuery = Strict(rangeFields)
export const HolidayListSchema = Type.Object(
  {
    calendar: Type.String(),
    from: IsoDate(),
    to: IsoDate(),
    items: Type.Array(Type.Object({ date: IsoDate(), title: Type.String(), kind: StringEnum(['bank_holiday', 'closure'] as const) })),
  },
  { $id: 'HolidayList' },
)

export const WorkingDaysQuery = Strict({
  from: IsoDate({ description: 'The start date; it never counts itself' }),
  to: Type.Optional(IsoDate({ description: 'Count the working days d with from < d <= to (negative when to < from)' })),
  add: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 10000, description: 'Find the add-th working day after from (the due date of "within add working days")' }),
  ),
})
export const WorkingDaysSchema = Type.Object({ calendar: Type.String(), from: IsoDate(), to: IsoDate(), workingDays: Type.Integer() }, { $id: 'WorkingDays' })

export const ExplainQuery = Strict(rangeFields)
export const WorkingDaysExplanationSchema = Type.Object(
  {
    calendar: Type.String(),
    from: IsoDate(),
    to: IsoDate(),
    workingDays: Type.Integer(),
    days: Type.Array(
      Type.Object({
        date: IsoDate(),
        counted: Type.Boolean(),
        reason: Type.Optional(StringEnum(['weekend', 'bank_holiday', 'closure'] as const)),
        title: Type.Optional(Type.String({ description: 'The holiday or closure' })),
      }),
    ),
  },
  { $id: 'WorkingDaysExplanation', description: 'Each day after from up to and including to: counted, or skipped with the reason' },
)

const changeList = Type.Array(Type.Object({ date: IsoDate(), title: Type.String() }))
export const BankHolidayImportSchema = Type.Unsafe<unknown>({
  $id: 'BankHolidayImport',
  type: 'object',
  description:
    'The GOV.UK bank-holidays.json file as published: { "england-and-wales": { "division": …, "events": ' +
    '[{ "title", "date", "notes", "bunting" }] }, "scotland": …, "northern-ireland": … }',
})
export const BankHolidayImportResultSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    coveredYears: Type.Array(Type.Integer()),
    changes: Type.Record(Type.String(), Type.Object({ added: changeList, removed: changeList }), { description: 'Per division, the dates added and removed' }),
    calendarsUpdated: Type.Array(Type.String(), { description: 'Calendars whose days changed (and so their version)' }),
    clocksMoved: Type.Integer({ description: 'Open SLA clocks whose due date moved (each is an event)' }),
  },
  { $id: 'BankHolidayImportResult' },
)

export type CalendarCreate = Static<typeof CalendarCreateSchema>
export type Closure = Static<typeof ClosureSchema>
export type CalendarListFilters = Static<typeof CalendarListQuery>
export type HolidaysFilters = Static<typeof HolidaysQuery>
export type WorkingDaysFilters = Static<typeof WorkingDaysQuery>
export type ExplainFilters = Static<typeof ExplainQuery>
export const calendarSchemas = [
  ClosureSchema,
  CalendarCreateSchema,
  CalendarSchema,
  CalendarPageSchema,
  HolidayListSchema,
  WorkingDaysSchema,
  WorkingDaysExplanationSchema,
  BankHolidayImportSchema,
  BankHolidayImportResultSchema,
]
