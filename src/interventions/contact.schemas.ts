import { type Static, Type } from '@sinclair/typebox'
import { AsOfQuery, Page, PageQuery, SlaBlockSchema } from '../http/schemas.js'
import { Instant, InstantOut, Nullable, ref, Strict, Uuid } from '../schema/helpers.js'

const text = (max: number) => Type.String({ minLength: 1, maxLength: max })

export const ContactCreateSchema = Strict(
  {
    occurredAt: Instant({ description: 'When the visit or contact took place' }),
    recordedAt: Type.Optional(
      Instant({ description: 'When it was recorded on the case record; defaults to now. Within 2 working days of the contact (000 §13)' }),
    ),
    durationMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
    location: text(500),
    purpose: text(5000),
    present: Type.Array(text(200), { minItems: 1, maxItems: 30, description: 'Who was present' }),
    childSeenAlone: Type.Boolean({ description: 'Whether the child was seen separately' }),
    voiceOfChild: text(10000),
    observations: text(10000),
    analysis: text(10000),
    actions: text(5000),
    nextContactAt: Type.Optional(Instant({ description: 'The arrangement for making contact again, when one was made' })),
  },
  { $id: 'ContactCreate', description: 'A case recording in the Signs of Safety format (000 §13)' },
)
export const ContactSchema = Type.Object(
  {
    id: Uuid(),
    interventionId: Uuid(),
    familyId: Uuid(),
    teamId: Uuid(),
    practitionerId: Nullable(Uuid()),
    occurredAt: InstantOut(),
    recordedAt: InstantOut(),
    durationMinutes: Type.Integer(),
    location: Type.String(),
    purpose: Type.String(),
    present: Type.Array(Type.String()),
    childSeenAlone: Type.Boolean(),
    voiceOfChild: Type.String(),
    observations: Type.String(),
    analysis: Type.String(),
    actions: Type.String(),
    nextContactAt: Nullable(InstantOut()),
    sla: ref(SlaBlockSchema),
    createdAt: InstantOut(),
    updatedAt: InstantOut(),
    version: Type.Integer(),
  },
  { $id: 'Contact' },
)
export const ContactPageSchema = Page(Type.Unsafe<Static<typeof ContactSchema>>(Type.Ref('Contact')), 'ContactPage')
export const ContactListQuery = Strict({ ...PageQuery, ...AsOfQuery })

export type ContactCreate = Static<typeof ContactCreateSchema>
