import { type Static, Type } from '@sinclair/typebox'
import { ref, Strict, StringEnum } from '../schema/helpers.js'
import { EVENT_TYPES, type EventType } from './event-types.js'
import type { TargetUnit } from './sla-block.js'
import { SUBJECT_TYPES } from './subjects.js'

export const TARGET_UNITS = ['working_days', 'calendar_days', 'weeks', 'months', 'hours', 'same_day', 'date_given'] as const satisfies readonly TargetUnit[]

/** `flag` shows the breach; `end-service-request` ends the request, reason `no_progress` (000 §8). */
export const BREACH_ACTIONS = ['flag', 'end-service-request'] as const
export type BreachAction = (typeof BREACH_ACTIONS)[number]

const kebab = '^[a-z0-9]+(-[a-z0-9]+)*$'

export const SlaEventTypeSchema = Type.Unsafe<EventType>({
  $id: 'SlaEventType',
  type: 'string',
  enum: [...EVENT_TYPES],
  description: 'A domain event that starts, stops, pauses, resumes or closes clocks',
})

const events = (description: string, minItems: number) => Type.Array(ref(SlaEventTypeSchema), { minItems, uniqueItems: true, description })

export const StandardTargetSchema = Strict(
  {
    amount: Type.Integer({ minimum: 0, description: 'How many units; 0 for same_day and date_given' }),
    unit: StringEnum(TARGET_UNITS, {
      description: '`date_given`: due at the end of the date the starting event names (e.g. the date consent was extended to)',
    }),
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
    stopsOn: events('Events that complete it: its work is done (met, or met_late after its due instant)', 1),
    cancelOn: Type.Array(ref(SlaEventTypeSchema), {
      uniqueItems: true,
      default: [],
      description: 'Events that close it without its work done: `cancelled` when that happens by its due instant, `missed` after it (a breach is never erased)',
    }),
    bringForwardOn: Type.Array(ref(SlaEventTypeSchema), {
      uniqueItems: true,
      default: [],
      description:
        'Events that bring an open clock’s due date forward to the day they happen, when that is earlier (e.g. the final audit: at 6 months or when the intervention ends)',
    }),
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

const Period = Strict({ amount: Type.Integer({ minimum: 1 }), unit: StringEnum(['weeks', 'months'] as const) })

/** The rules of a service that are not timescales: what the API enforces for a team on this preset. */
export const PresetPolicySchema = Strict(
  {
    consentAtRequest: Type.Boolean({
      description: 'A request needs the family’s recorded consent to be received (000 §8, 004); false where consent is obtained at the first visit (002)',
    }),
    consentPeriod: Type.Union(
      [
        Strict({
          initial: Period,
          maximum: Period,
          extensions: Type.Integer({ minimum: 0, maximum: 1, description: 'Whether consent may be extended (once) before it lapses' }),
        }),
        Type.Null(),
      ],
      {
        description:
          'How long the family’s consent to the intervention lasts (000 §1: 3 months, extended once to at most 6); null when the document sets no period',
      },
    ),
    durationStandard: Type.Union([Type.String({ pattern: kebab }), Type.Null()], {
      description:
        'The standard whose due date is the latest an intervention may be planned to run to, unless a manager records an exception; null for no limit',
    }),
    finalMeetingBeforeClosure: Type.Boolean({ description: 'A final Team Around the Family meeting is held before the case is closed (002)' }),
    eligibility: Type.Optional(
      Strict(
        {
          tiers: Type.Array(Type.Integer({ minimum: 2, maximum: 4 }), { minItems: 1, uniqueItems: true, description: 'The threshold tiers of need served' }),
          plans: Type.Array(Type.String({ minLength: 1 }), {
            minItems: 1,
            uniqueItems: true,
            description: 'The family’s social care plan must be one of these (a family’s `plan`)',
          }),
          managerOverride: Type.Boolean({ description: 'A manager may accept a request that does not meet them, giving a reason' }),
        },
        { description: 'Who a request for direct work is for (000 §3, §8: families at tiers 3 and 4 with a CIN, CP or LAC plan); absent for no check' },
      ),
    ),
    targetOutcomesRequired: Type.Optional(
      Type.Boolean({ description: 'A request for direct work names at least one target outcome (000 §6: “a clear focus and identified target outcome(s)”)' }),
    ),
    screeningBeforeAllocation: Type.Optional(
      Type.Boolean({
        description:
          'A request is screened and accepted before it is allocated (002: allocated "within 6 days of it being accepted in the locality team"); allocating a received request is refused (409)',
      }),
    ),
    consentAtInitialVisit: Type.Optional(
      Type.Boolean({
        description: 'Consent is obtained at the initial visit (002): no plan or intervention starts until the family’s consent to the service is recorded',
      }),
    ),
  },
  { $id: 'PresetPolicy' },
)

/** The standards of one service, chosen by a team (service-standards.md). */
export const StandardsPresetSchema = Strict(
  {
    id: Type.String({ pattern: kebab, maxLength: 64 }),
    title: Type.String({ minLength: 1 }),
    source: Type.String({ minLength: 1, description: 'The document the preset comes from' }),
    policy: ref(PresetPolicySchema),
    standards: Type.Array(ref(ServiceStandardSchema), { minItems: 1 }),
  },
  { $id: 'StandardsPreset' },
)

/** Register these with the API's shared schemas, in this order. */
export const slaSchemas = [SlaEventTypeSchema, ServiceStandardSchema, PresetPolicySchema, StandardsPresetSchema]

export type Standard = Static<typeof ServiceStandardSchema>
export type StandardTarget = Static<typeof StandardTargetSchema>
export type StandardsPreset = Static<typeof StandardsPresetSchema>
export type PresetPolicy = Static<typeof PresetPolicySchema>
