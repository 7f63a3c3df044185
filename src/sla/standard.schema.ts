import { Type, type Static } from '@sinclair/typebox'
import { Strict, StringEnum, ref } from '../http/schema-helpers.js'
import { EVENT_TYPES, type EventType } from './event-types.js'
import type { TargetUnit } from './sla-block.js'
import { SUBJECT_TYPES } from './subjects.js'

export const TARGET_UNITS = ['working_days', 'calendar_days', 'weeks', 'months', 'hours', 'same_day'] as const satisfies readonly TargetUnit[]

/** `flag` shows the breach; `end-service-request` ends the request, reason `no_progress` (000 §8). */
export const BREACH_ACTIONS = ['flag', 'end-service-request'] as const
export type BreachAction = (typeof BREACH_ACTIONS)[number]

const kebab = '^[a-z0-9]+(-[a-z0-9]+)*$'

export const SlaEventTypeSchema = Type.Unsafe<EventType>({
  $id: 'SlaEventType',
  type: 'string',
  enum: [...EVENT_TYPES],
  description: 'A domain event that starts, stops, pauses, resumes or cancels clocks',
})

const events = (description: string, minItems: number) =>
  Type.Array(ref(SlaEventTypeSchema), { minItems, uniqueItems: true, description })

export const StandardTargetSchema = Strict(
  {
    amount: Type.Integer({ minimum: 0, description: 'How many units; 0 for same_day' }),
    unit: StringEnum(TARGET_UNITS),
  },
  { description: 'How long the clock runs, e.g. 3 working_days' },
)

/** One timescale the service must track (service-standards.md, "A standard"). */
export const ServiceStandardSchema = Strict(
  {
    key: Type.String({ pattern: kebab, maxLength: 64, description: 'Stable id within the preset, e.g. joint-visit' }),
    title: Type.String({ minLength: 1, maxLength: 200, description: 'e.g. "Allocate within 3 working days of the request"' }),
    subject: StringEnum(SUBJECT_TYPES, { description: 'What the clock hangs on' }),
    startsOn: events('Events that start a clock', 1),
    stopsOn: events('Events that complete it', 1),
    cancelOn: Type.Array(ref(SlaEventTypeSchema), { uniqueItems: true, default: [], description: 'Events that cancel it without judging it' }),
    target: StandardTargetSchema,
    recurring: Type.Boolean({ default: false, description: 'The next clock starts when this one stops' }),
    dueSoonWithin: Type.Integer({ minimum: 0, default: 1, description: 'Working days before due at which the clock is due_soon' }),
    onBreach: StringEnum(BREACH_ACTIONS, { default: 'flag', description: 'What happens when the clock goes overdue' }),
    pausable: Type.Boolean({ default: false, description: 'Stops counting while its intervention is suspended' }),
    source: Type.Optional(Type.String({ description: 'Where in the source documents it comes from, e.g. "000 §8"' })),
    description: Type.Optional(Type.String()),
  },
  { $id: 'ServiceStandard' },
)

/** The standards of one service, chosen by a team (service-standards.md). */
export const StandardsPresetSchema = Strict(
  {
    id: Type.String({ pattern: kebab, maxLength: 64 }),
    title: Type.String({ minLength: 1 }),
    source: Type.String({ minLength: 1, description: 'The document the preset comes from' }),
    standards: Type.Array(ref(ServiceStandardSchema), { minItems: 1 }),
  },
  { $id: 'StandardsPreset' },
)

/** Register these with the API's shared schemas, in this order. */
export const slaSchemas = [SlaEventTypeSchema, ServiceStandardSchema, StandardsPresetSchema]

export type Standard = Static<typeof ServiceStandardSchema>
export type StandardTarget = Static<typeof StandardTargetSchema>
export type StandardsPreset = Static<typeof StandardsPresetSchema>
