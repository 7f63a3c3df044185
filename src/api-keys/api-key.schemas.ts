import { type Static, Type } from '@sinclair/typebox'
import { ROLES } from '../context.js'
import { Page, PageQuery } from '../http/schemas.js'
import { InstantOut, Nullable, Strict, StringEnum, Uuid } from '../schema/helpers.js'

const role = StringEnum(ROLES, { description: 'admin, manager, practitioner, integration or viewer' })

export const ApiKeyCreateSchema = Strict(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role,
    teamId: Type.Optional(Uuid({ description: 'Limit the key to this team' })),
  },
  { $id: 'ApiKeyCreate' },
)

const apiKeyFields = {
  id: Uuid(),
  name: Type.String(),
  role,
  teamId: Nullable(Uuid()),
  prefix: Type.String({ description: 'The first characters of the secret, to recognise it' }),
  revokedAt: Nullable(InstantOut()),
  createdAt: InstantOut(),
  updatedAt: InstantOut(),
  version: Type.Integer(),
}

export const ApiKeySchema = Type.Object(apiKeyFields, { $id: 'ApiKey' })
export const ApiKeyWithSecretSchema = Type.Object(
  { ...apiKeyFields, key: Type.String({ description: 'The secret. Shown this once; only its hash is stored.' }) },
  { $id: 'ApiKeyWithSecret' },
)
export const ApiKeyPageSchema = Page(Type.Unsafe<Static<typeof ApiKeySchema>>(Type.Ref('ApiKey')), 'ApiKeyPage')
export const ApiKeyListQuery = Strict({ ...PageQuery, includeRevoked: Type.Optional(Type.Boolean({ default: false })) })

export type ApiKeyCreate = Static<typeof ApiKeyCreateSchema>
export type ApiKeyListFilters = Static<typeof ApiKeyListQuery>
export const apiKeySchemas = [ApiKeyCreateSchema, ApiKeySchema, ApiKeyWithSecretSchema, ApiKeyPageSchema]
