import { type Static, Type } from '@sinclair/typebox'
import { MEMBER_ROLES, PLANS } from '../db/tables/family.table.js'
import { AsOfQuery, ExternalRefSchema, Page, PageQuery, SlaBlockSchema } from '../http/schemas.js'
import { InstantOut, IsoDate, Nullable, ref, Strict, StringEnum, Uuid } from '../schema/helpers.js'

export { MEMBER_ROLES, PLANS }

const memberFields = {
  givenName: Type.String({ minLength: 1, maxLength: 100 }),
  familyName: Type.String({ minLength: 1, maxLength: 100 }),
  dateOfBirth: Type.Optional(IsoDate()),
  role: StringEnum(MEMBER_ROLES),
}
export const FamilyMemberInputSchema = Strict(
  { id: Type.Optional(Uuid({ description: 'Send the id of an existing member to keep it when replacing members' })), ...memberFields },
  { $id: 'FamilyMemberInput' },
)
export const FamilyMemberSchema = Type.Object({ id: Uuid(), ...memberFields }, { $id: 'FamilyMember' })

export const AddressSchema = Strict(
  {
    line1: Type.String({ minLength: 1, maxLength: 200 }),
    line2: Type.Optional(Type.String({ maxLength: 200 })),
    town: Type.Optional(Type.String({ maxLength: 100 })),
    postcode: Type.String({ minLength: 2, maxLength: 10 }),
  },
  { $id: 'Address' },
)

export const LeadProfessionalSchema = Strict(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9_]+$', description: 'e.g. social_worker' }),
    organisation: Type.Optional(Type.String({ maxLength: 200 })),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
    phone: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { $id: 'LeadProfessional' },
)

const reference = Type.String({ minLength: 1, maxLength: 100, description: 'The service’s own reference for the family' })
const tier = Type.Integer({ minimum: 2, maximum: 4, description: 'Threshold tier of need (2–4)' })
const plan = StringEnum(PLANS)
const externalRefs = Type.Array(ref(ExternalRefSchema), { maxItems: 20, description: 'Ids of this family in case systems; unique per system' })
const members = Type.Array(ref(FamilyMemberInputSchema), { minItems: 1, maxItems: 30 })

export const FamilyCreateSchema = Strict(
  {
    teamId: Uuid(),
    reference,
    tier,
    plan,
    externalRefs: Type.Optional(externalRefs),
    members,
    address: Type.Optional(ref(AddressSchema)),
    leadProfessional: Type.Optional(ref(LeadProfessionalSchema)),
  },
  { $id: 'FamilyCreate' },
)
export const FamilyPatchSchema = Strict(
  {
    teamId: Type.Optional(Uuid({ description: 'Move the family to another team' })),
    reference: Type.Optional(reference),
    tier: Type.Optional(tier),
    plan: Type.Optional(plan),
    externalRefs: Type.Optional(externalRefs),
    members: Type.Optional(members),
    address: Type.Optional(Nullable(ref(AddressSchema))),
    leadProfessional: Type.Optional(Nullable(ref(LeadProfessionalSchema))),
  },
  { $id: 'FamilyPatch', minProperties: 1, description: 'Fields to change; members and externalRefs are replaced whole' },
)
export const FamilySchema = Type.Object(
  {
    id: Uuid(),
    teamId: Uuid(),
    reference,
    tier,
    plan,
    externalRefs: Type.Array(ref(ExternalRefSchema)),
    members: Type.Array(ref(FamilyMemberSchema)),
    address: Nullable(ref(AddressSchema)),
    leadProfessional: Nullable(ref(LeadProfessionalSchema)),
    sla: ref(SlaBlockSchema),
    createdAt: InstantOut(),
    updatedAt: InstantOut(),
    version: Type.Integer(),
  },
  { $id: 'Family' },
)
export const FamilyPageSchema = Page(Type.Unsafe<Static<typeof FamilySchema>>(Type.Ref('Family')), 'FamilyPage')
export const FamilyListQuery = Strict({
  ...PageQuery,
  ...AsOfQuery,
  teamId: Type.Optional(Uuid()),
  tier: Type.Optional(tier),
  plan: Type.Optional(plan),
  reference: Type.Optional(reference),
  externalRef: Type.Optional(Type.String({ pattern: '^[^|]+\\|.+$', description: 'system|value, e.g. mosaic|123' })),
})
export const FamilyReadQuery = Strict(AsOfQuery)

export type FamilyCreate = Static<typeof FamilyCreateSchema>
export type FamilyPatch = Static<typeof FamilyPatchSchema>
export type FamilyListFilters = Static<typeof FamilyListQuery>
export const familySchemas = [
  FamilyMemberInputSchema,
  FamilyMemberSchema,
  AddressSchema,
  LeadProfessionalSchema,
  FamilyCreateSchema,
  FamilyPatchSchema,
  FamilySchema,
  FamilyPageSchema,
]
