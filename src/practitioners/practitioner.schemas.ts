import { type Static, Type } from '@sinclair/typebox'
import { PRACTITIONER_ROLES, SPECIALISMS } from '../db/tables/practitioner.table.js'
import { AsOfQuery, Page, PageQuery } from '../http/schemas.js'
import { InstantOut, Nullable, Strict, StringEnum, Uuid } from '../schema/helpers.js'

export { PRACTITIONER_ROLES, SPECIALISMS }

const name = Type.String({ minLength: 1, maxLength: 200 })
const email = Type.String({ format: 'email', maxLength: 320 })
const role = StringEnum(PRACTITIONER_ROLES)
const specialism = StringEnum(SPECIALISMS, { description: 'For specialists only' })
const caseloadCapacity = Type.Integer({ minimum: 0, maximum: 200, description: 'How many families this person can hold; defaults to the team’s capacity' })

export const PractitionerCreateSchema = Strict(
  { teamId: Uuid(), name, email: Type.Optional(email), role, specialism: Type.Optional(specialism), caseloadCapacity: Type.Optional(caseloadCapacity) },
  { $id: 'PractitionerCreate' },
)
export const PractitionerPatchSchema = Strict(
  {
    name: Type.Optional(name),
    email: Type.Optional(Nullable(email)),
    role: Type.Optional(role),
    specialism: Type.Optional(Nullable(specialism)),
    caseloadCapacity: Type.Optional(caseloadCapacity),
    active: Type.Optional(Type.Boolean({ description: 'false once the person has left the team' })),
  },
  { $id: 'PractitionerPatch', minProperties: 1 },
)
export const PractitionerSchema = Type.Object(
  {
    id: Uuid(),
    teamId: Uuid(),
    name,
    email: Nullable(Type.String()),
    role,
    specialism: Nullable(specialism),
    caseloadCapacity,
    active: Type.Boolean(),
    activeCaseload: Type.Integer({ description: 'Families held now: active allocations as the allocated worker' }),
    createdAt: InstantOut(),
    updatedAt: InstantOut(),
    version: Type.Integer(),
  },
  { $id: 'Practitioner' },
)
export const PractitionerPageSchema = Page(Type.Unsafe<Static<typeof PractitionerSchema>>(Type.Ref('Practitioner')), 'PractitionerPage')
export const PractitionerListQuery = Strict({
  ...PageQuery,
  ...AsOfQuery,
  teamId: Type.Optional(Uuid()),
  role: Type.Optional(role),
  specialism: Type.Optional(specialism),
  active: Type.Optional(Type.Boolean()),
})

export type PractitionerCreate = Static<typeof PractitionerCreateSchema>
export type PractitionerPatch = Static<typeof PractitionerPatchSchema>
export type PractitionerListFilters = Static<typeof PractitionerListQuery>
export const practitionerSchemas = [PractitionerCreateSchema, PractitionerPatchSchema, PractitionerSchema, PractitionerPageSchema]
