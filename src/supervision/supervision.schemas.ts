import { type Static, Type } from '@sinclair/typebox'
import { SUPERVISION_KINDS } from '../db/tables/supervision.table.js'
import { AsOfQuery } from '../http/schemas.js'
import { Instant, InstantOut, Nullable, Strict, StringEnum, Uuid } from '../schema/helpers.js'

export { SUPERVISION_KINDS }

const text = (max: number) => Type.String({ minLength: 1, maxLength: max })
const kind = StringEnum(SUPERVISION_KINDS, {
  description:
    '`case_supervision` (000 §11), `clinical_supervision_meeting`: the specialist’s quarterly three-way meeting with their TRT supervisor and clinical supervisor (000 §11.1), `practice_observation`: the observation of direct work every 6 months (000 §11)',
})

export const SupervisionRecordCreateSchema = Strict(
  {
    kind,
    heldAt: Type.Optional(Instant({ description: 'Defaults to now; not in the future' })),
    supervisor: text(200),
    clinicalSupervisor: Type.Optional(text(200)),
    notes: Type.Optional(text(10000)),
  },
  { $id: 'SupervisionRecordCreate', description: '`clinicalSupervisor` is required for a `clinical_supervision_meeting`, and only for it' },
)

export const SupervisionRecordSchema = Type.Object(
  {
    id: Uuid(),
    practitionerId: Uuid(),
    teamId: Uuid(),
    kind,
    heldAt: InstantOut(),
    supervisor: Type.String(),
    clinicalSupervisor: Nullable(Type.String()),
    notes: Nullable(Type.String()),
    createdAt: InstantOut(),
  },
  { $id: 'SupervisionRecord' },
)

/** A clock as the breach list and `GET /sla-clocks` show it. */
const Clock = Type.Unsafe<Record<string, unknown>>(Type.Ref('Breach'))

export const SupervisionViewSchema = Type.Object(
  {
    practitionerId: Uuid(),
    name: Type.String(),
    role: Type.String(),
    asOf: InstantOut(),
    kinds: Type.Array(
      Type.Object({
        kind,
        standard: Nullable(Type.String({ description: 'The team’s preset standard for this kind; null when the preset has none' })),
        lastHeldAt: Nullable(InstantOut()),
        lastSupervisor: Nullable(Type.String()),
        held: Type.Integer({ description: 'How many were recorded by `asOf`' }),
        clock: Nullable(Clock),
      }),
      { description: 'Each kind that applies to the practitioner: clinical supervision meetings to specialists only' },
    ),
    due: Type.Array(Clock, { description: 'Open clocks due soon or on track, soonest first' }),
    overdue: Type.Array(Clock, { description: 'Open clocks past their due instant' }),
  },
  { $id: 'SupervisionView' },
)

export const SupervisionQuery = Strict(AsOfQuery)

export type SupervisionRecordCreate = Static<typeof SupervisionRecordCreateSchema>
export const supervisionSchemas = [SupervisionRecordCreateSchema, SupervisionRecordSchema, SupervisionViewSchema]
