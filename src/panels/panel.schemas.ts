import { type Static, Type } from '@sinclair/typebox'
import { PANEL_DECISIONS, PANEL_KINDS } from '../db/tables/panel.table.js'
import { Page, PageQuery } from '../http/schemas.js'
import { Instant, InstantOut, Nullable, ref, Strict, StringEnum, Uuid } from '../schema/helpers.js'

export { PANEL_DECISIONS, PANEL_KINDS }

const text = (max: number) => Type.String({ minLength: 1, maxLength: max })

export const PanelAttendeeSchema = Strict({ name: text(200), organisation: text(200) }, { $id: 'PanelAttendee' })

export const PanelDecisionCreateSchema = Strict(
  {
    serviceRequestId: Uuid({ description: 'A request of the panel’s team, received or accepted' }),
    decision: StringEnum(PANEL_DECISIONS, {
      description:
        '`allocated` to the named co-ordinator or practitioner (a received request is accepted at the panel first), `accepted` to allocate later, `declined`, `returned`, or `deferred` to a later meeting',
    }),
    practitionerId: Type.Optional(Uuid({ description: 'The named co-ordinator or practitioner: required for, and only for, `allocated`' })),
    coWorkerIds: Type.Optional(Type.Array(Uuid(), { maxItems: 5, uniqueItems: true })),
    override: Type.Optional(Strict({ reason: text(2000) }, { description: 'A manager’s reason to allocate past the practitioner’s caseload capacity' })),
    reason: Type.Optional(text(2000)),
  },
  { $id: 'PanelDecisionCreate', description: 'What the panel decided for one request; a reason is required to decline or return it' },
)

export const PanelCreateSchema = Strict(
  {
    teamId: Uuid(),
    kind: StringEnum(PANEL_KINDS, {
      description:
        '`targeted_help_panel`: Targeted Help’s weekly multi-agency panel (001 §3); `allocation_meeting`: TRT’s weekly supervisors’ meeting (000 §8)',
    }),
    heldAt: Type.Optional(Instant({ description: 'When the meeting was held; defaults to now; not in the future. Its decisions take effect at this time' })),
    chairedBy: text(200),
    attendees: Type.Array(ref(PanelAttendeeSchema), { minItems: 1, maxItems: 60 }),
    minutesReference: text(200),
    decisions: Type.Array(ref(PanelDecisionCreateSchema), { maxItems: 60 }),
  },
  {
    $id: 'PanelCreate',
    examples: [
      {
        teamId: '0190f0c2-6a1e-7cc2-9a52-1f1d1b6f7a01',
        kind: 'targeted_help_panel',
        heldAt: '2027-01-06T10:00:00Z',
        chairedBy: 'Pat Example (Targeted Help manager)',
        attendees: [
          { name: 'Pat Example', organisation: 'Targeted Help' },
          { name: 'Ms Green', organisation: 'Northfield Primary School' },
        ],
        minutesReference: 'TH-PANEL-2027-01-06',
        decisions: [
          { serviceRequestId: '0190f0c2-6a1e-7cc2-9a52-1f1d1b6f7a03', decision: 'allocated', practitionerId: '0190f0c2-6a1e-7cc2-9a52-1f1d1b6f7a02' },
        ],
      },
    ],
  },
)

export const PanelDecisionSchema = Type.Object(
  {
    id: Uuid(),
    serviceRequestId: Uuid(),
    decision: StringEnum(PANEL_DECISIONS),
    practitionerId: Nullable(Uuid()),
    allocationId: Nullable(Uuid({ description: 'The allocation the decision made' })),
    reason: Nullable(Type.String()),
  },
  { $id: 'PanelDecision' },
)

export const PanelSchema = Type.Object(
  {
    id: Uuid(),
    teamId: Uuid(),
    kind: StringEnum(PANEL_KINDS),
    heldAt: InstantOut(),
    chairedBy: Type.String(),
    attendees: Type.Array(ref(PanelAttendeeSchema)),
    minutesReference: Type.String(),
    decisions: Type.Array(ref(PanelDecisionSchema)),
    createdAt: InstantOut(),
    updatedAt: InstantOut(),
    version: Type.Integer(),
  },
  { $id: 'Panel' },
)
export const PanelPageSchema = Page(Type.Unsafe<Static<typeof PanelSchema>>(Type.Ref('Panel')), 'PanelPage')
export const PanelListQuery = Strict({
  ...PageQuery,
  teamId: Type.Optional(Uuid()),
  kind: Type.Optional(StringEnum(PANEL_KINDS)),
  serviceRequestId: Type.Optional(Uuid({ description: 'Panels that discussed this request' })),
})

export type PanelCreate = Static<typeof PanelCreateSchema>
export type PanelDecisionCreate = Static<typeof PanelDecisionCreateSchema>
export type PanelListFilters = Static<typeof PanelListQuery>
export const panelSchemas = [PanelAttendeeSchema, PanelDecisionCreateSchema, PanelCreateSchema, PanelDecisionSchema, PanelSchema, PanelPageSchema]
