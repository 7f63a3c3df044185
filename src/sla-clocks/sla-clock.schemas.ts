import { type Static, Type } from '@sinclair/typebox'
import { AsOfQuery, PageQuery, SlaClockSchema, SlaTargetSchema } from '../http/schemas.js'
import { InstantOut, IsoDate, Nullable, ref, Strict, StringEnum, Uuid } from '../schema/helpers.js'

/** The deprecation of `lateReason` in the body of `POST /sla-clocks/{id}/late-reason`, renamed `reason`. */
export const LATE_REASON_ALIAS = { since: '2026-11-29T00:00:00Z', sunset: '2027-06-01T00:00:00Z' } as const

export const ClockExplanationSchema = Type.Object(
  {
    startDate: IsoDate({ description: 'The local start date; it never counts itself' }),
    dueDate: IsoDate(),
    target: ref(SlaTargetSchema),
    days: Type.Array(
      Type.Object({
        date: IsoDate(),
        counted: Type.Boolean(),
        reason: Type.Optional(StringEnum(['weekend', 'bank_holiday', 'closure', 'paused'] as const)),
        title: Type.Optional(Type.String({ description: 'The bank holiday, closure or pause' })),
        workingDay: Type.Optional(Type.Integer({ description: 'Which working day of the target this day was' })),
      }),
    ),
  },
  {
    $id: 'ClockExplanation',
    description: 'Every day from the start date to the due date (or to the stop or asOf, if later): counted, or skipped with the reason',
  },
)

export const SlaClockDetailSchema = Type.Object(
  {
    ...SlaClockSchema.properties,
    subjectType: Type.String(),
    subjectId: Uuid(),
    familyId: Nullable(Uuid({ description: 'Null for a practitioner’s own clock (supervision, 000 §11)' })),
    teamId: Uuid(),
    practitionerId: Nullable(Uuid()),
    serviceRequestId: Nullable(Uuid()),
    lateReason: Nullable(Type.String({ description: 'Why a clock stopped after its due date (Working Together asks for the reasons to be recorded)' })),
    pauses: Type.Array(Type.Object({ pausedAt: InstantOut(), resumedAt: Nullable(InstantOut()), workingDays: Nullable(Type.Integer()) })),
    explanation: ref(ClockExplanationSchema),
    version: Type.Integer(),
  },
  { $id: 'SlaClockDetail' },
)

export const SlaClockListQuery = Strict({
  ...PageQuery,
  ...AsOfQuery,
  subjectId: Type.Optional(Uuid()),
  familyId: Type.Optional(Uuid()),
  teamId: Type.Optional(Uuid()),
  practitionerId: Type.Optional(Uuid()),
  standard: Type.Optional(Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64 })),
  late: Type.Optional(Type.Boolean({ description: 'Only clocks stopped after their due instant' })),
  lateReasonMissing: Type.Optional(Type.Boolean({ description: 'With late=true: only those with no late reason recorded yet' })),
})
export const SlaClockPageSchema = Type.Object(
  { items: Type.Array(Type.Unsafe(Type.Ref('Breach'))), nextCursor: Nullable(Type.String()) },
  { $id: 'SlaClockPage', description: 'Clocks, each with the fields of a breach entry' },
)
const lateReasonText = (description: string, deprecated = false) =>
  Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description, ...(deprecated ? { deprecated: true } : {}) }))
/** `reason`, the name every other "why" in the API takes; `lateReason` is its deprecated alias (docs/compatibility.md). */
export const LateReasonSchema = Strict(
  {
    reason: lateReasonText('Why the clock stopped after its due date. Required (or its deprecated alias `lateReason`).'),
    lateReason: lateReasonText(
      `Deprecated since ${LATE_REASON_ALIAS.since}, to be removed after ${LATE_REASON_ALIAS.sunset}: send \`reason\`. ` +
        'A request that sends it gets `Deprecation` and `Sunset` headers.',
      true,
    ),
  },
  { $id: 'LateReason', description: 'Exactly one of `reason` and its deprecated alias `lateReason`' },
)

export type SlaClockListFilters = Static<typeof SlaClockListQuery>
export type LateReason = Static<typeof LateReasonSchema>
export const slaClockSchemas = [ClockExplanationSchema, SlaClockDetailSchema, SlaClockPageSchema, LateReasonSchema]
