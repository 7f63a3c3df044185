import { Type } from '@sinclair/typebox'
import { InstantOut, IsoDate, Nullable, ref, Strict, StringEnum, Uuid } from '../schema/helpers.js'
import { CLOCK_STATUSES, TARGET_UNITS } from '../sla/index.js'
import { PROBLEM_KINDS } from './problems.js'

export const FieldErrorSchema = Type.Object(
  {
    in: Type.String({ description: 'body, query, params or headers' }),
    field: Type.String({ description: 'The bad field as a dotted path, e.g. members[0].dateOfBirth' }),
    message: Type.String(),
  },
  { $id: 'FieldError' },
)

export const ProblemSchema = Type.Object(
  {
    type: StringEnum(
      Object.keys(PROBLEM_KINDS).map((k) => `/problems/${k}`),
      {
        description: 'Stable identifier of the kind of problem',
      },
    ),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String({ description: 'The request path' })),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(ref(FieldErrorSchema), { description: 'Each bad field, for validation problems' })),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
)

export const ExternalRefSchema = Strict(
  {
    system: Type.String({ minLength: 1, maxLength: 64, pattern: '^[^|]+$', description: 'The case system, e.g. mosaic' }),
    value: Type.String({ minLength: 1, maxLength: 200, description: "The record's id in that system" }),
  },
  { $id: 'ExternalRef' },
)

export const SLA_CLOCK_STATUSES = CLOCK_STATUSES
export const SLA_STATUSES = ['none', ...SLA_CLOCK_STATUSES] as const

export const SlaTargetSchema = Type.Object(
  {
    amount: Type.Integer(),
    unit: StringEnum(TARGET_UNITS),
  },
  { $id: 'SlaTarget' },
)

export const SlaClockSchema = Type.Object(
  {
    id: Uuid(),
    standard: Type.String({ description: 'The standard key, e.g. allocation' }),
    title: Type.String(),
    target: ref(SlaTargetSchema),
    calendar: Type.String(),
    subjectType: Type.String({
      description: 'What the clock hangs on: service_request, allocation, consultation, intervention, contact, escalation, plan, plan_action, practitioner',
    }),
    subjectId: Uuid(),
    startedAt: InstantOut(),
    dueDate: IsoDate(),
    dueAt: InstantOut(),
    completedAt: Nullable(InstantOut({ description: 'When its work was done' })),
    closedAt: Nullable(InstantOut({ description: 'When it was closed without its work done: cancelled by its due instant, missed after it' })),
    recordedAfterDue: Type.Boolean({ description: 'The service learnt of the clock only after its due instant (history entered late)' }),
    status: StringEnum(SLA_CLOCK_STATUSES, {
      description:
        'on_track, due_soon, overdue (open past dueAt), paused; met (stopped by dueAt), met_late (stopped after it), missed (closed after dueAt without its work done), cancelled (closed by dueAt because the work no longer applies)',
    }),
    workingDaysElapsed: Type.Integer(),
    workingDaysRemaining: Type.Integer({ description: 'Negative once overdue' }),
  },
  { $id: 'SlaClock' },
)

export const SlaBlockSchema = Type.Object(
  {
    asOf: InstantOut(),
    status: StringEnum(SLA_STATUSES, {
      description:
        "The most urgent open clock's status (overdue > due_soon > on_track > paused), else missed if any clock was missed, else met_late if any was late, else met, else none",
    }),
    clocks: Type.Array(ref(SlaClockSchema)),
  },
  { $id: 'SlaBlock' },
)

/** Shared schemas, registered once and referenced by `$id`. Order matters: referenced before referencing. */
export const sharedSchemas = [FieldErrorSchema, ProblemSchema, ExternalRefSchema, SlaTargetSchema, SlaClockSchema, SlaBlockSchema]

export const IdParams = Strict({ id: Uuid() })

export const AsOfQuery = {
  asOf: Type.Optional(
    Type.String({
      description: 'Compute SLA fields as of this instant (RFC 3339) or date (end of that day); default now',
      anyOf: [
        { type: 'string', format: 'date-time' },
        { type: 'string', format: 'date' },
      ],
    }),
  ),
}

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Page size (default 50, max 500)' })),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'The nextCursor of the previous page' })),
}

export const Page = <T extends import('@sinclair/typebox').TSchema>(item: T, id: string) =>
  Type.Object(
    { items: Type.Array(item), nextCursor: Nullable(Type.String({ description: 'Pass as cursor for the next page; null on the last page' })) },
    { $id: id },
  )
