import { type Static, Type } from '@sinclair/typebox'
import { AsOfQuery, Page, PageQuery } from '../http/schemas.js'
import { InstantOut, Strict, StringEnum, Uuid } from '../schema/helpers.js'
import { PRESET_IDS } from '../sla/preset-ids.js'

const name = Type.String({ minLength: 1, maxLength: 200 })
const calendarId = Type.String({
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
  maxLength: 64,
  description: 'A calendar id: england-and-wales, scotland, northern-ireland or a custom calendar',
})
const standardsPreset = StringEnum(PRESET_IDS, { description: 'Which service standards (SLA clocks) the team works to' })
const caseloadCapacity = Type.Integer({ minimum: 0, maximum: 200, description: 'Default number of families per practitioner' })

export const TeamCreateSchema = Strict({ name, calendarId, standardsPreset, caseloadCapacity: Type.Optional(caseloadCapacity) }, { $id: 'TeamCreate' })
export const TeamPatchSchema = Strict(
  {
    name: Type.Optional(name),
    calendarId: Type.Optional(calendarId),
    standardsPreset: Type.Optional(standardsPreset),
    caseloadCapacity: Type.Optional(caseloadCapacity),
  },
  { $id: 'TeamPatch', minProperties: 1 },
)
export const TeamSchema = Type.Object(
  { id: Uuid(), name, calendarId, standardsPreset, caseloadCapacity, createdAt: InstantOut(), updatedAt: InstantOut(), version: Type.Integer() },
  { $id: 'Team' },
)
export const TeamPageSchema = Page(Type.Unsafe<Static<typeof TeamSchema>>(Type.Ref('Team')), 'TeamPage')
export const TeamListQuery = Strict({ ...PageQuery, ...AsOfQuery, calendarId: Type.Optional(calendarId), standardsPreset: Type.Optional(standardsPreset) })

export type TeamCreate = Static<typeof TeamCreateSchema>
export type TeamPatch = Static<typeof TeamPatchSchema>
export type TeamListFilters = Static<typeof TeamListQuery>

export const teamSchemas = [TeamCreateSchema, TeamPatchSchema, TeamSchema, TeamPageSchema]
