import { type Static, Type } from '@sinclair/typebox'
import { AsOfQuery, Page, PageQuery, SlaBlockSchema } from '../http/schemas.js'
import { Instant, InstantOut, Nullable, ref, Strict, Uuid } from '../schema/helpers.js'

const text = (max: number) => Type.String({ minLength: 1, maxLength: max })

/** The Signs of Safety write-up of a contact (000 §13): the child's voice, what was seen, what it means, what happens next. */
const writeUp = {
  voiceOfChild: text(10000),
  observations: text(10000),
  analysis: text(10000),
  actions: text(5000),
}
/** The facts of the visit or contact itself, known when it is saved. */
const visit = {
  durationMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
  location: text(500),
  purpose: text(5000),
  present: Type.Array(text(200), { minItems: 1, maxItems: 30, description: 'Who was present' }),
  childSeenAlone: Type.Boolean({ description: 'Whether the child was seen separately' }),
}
const nextContactAt = Instant({ description: 'The arrangement for making contact again, when one was made' })

export const WRITE_UP_FIELDS = ['voiceOfChild', 'observations', 'analysis', 'actions'] as const

export const ContactCreateSchema = Strict(
  {
    occurredAt: Instant({ description: 'When the visit or contact took place' }),
    recordedAt: Type.Optional(
      Instant({
        description:
          'When it was written up on the case record; defaults to now when the write-up is sent. Within 2 working days of the contact (000 §13). Not allowed without the write-up.',
      }),
    ),
    ...visit,
    voiceOfChild: Type.Optional(writeUp.voiceOfChild),
    observations: Type.Optional(writeUp.observations),
    analysis: Type.Optional(writeUp.analysis),
    actions: Type.Optional(writeUp.actions),
    nextContactAt: Type.Optional(nextContactAt),
  },
  {
    $id: 'ContactCreate',
    description:
      'A case recording in the Signs of Safety format (000 §13). Send the write-up (`voiceOfChild`, `observations`, `analysis`, `actions`) all together, or none of it to save the contact as due to be written up (`POST .../write-up` later).',
  },
)
export const ContactWriteUpSchema = Strict(
  {
    recordedAt: Type.Optional(Instant({ description: 'When it was written up; defaults to now. Not before the contact' })),
    ...writeUp,
    nextContactAt: Type.Optional(nextContactAt),
  },
  { $id: 'ContactWriteUp', description: 'The write-up of a contact saved before it was written up (000 §13)' },
)
export const ContactCorrectionSchema = Strict(
  {
    correctedBy: text(200),
    reason: text(2000),
    durationMinutes: Type.Optional(visit.durationMinutes),
    location: Type.Optional(visit.location),
    purpose: Type.Optional(visit.purpose),
    present: Type.Optional(visit.present),
    childSeenAlone: Type.Optional(visit.childSeenAlone),
    voiceOfChild: Type.Optional(writeUp.voiceOfChild),
    observations: Type.Optional(writeUp.observations),
    analysis: Type.Optional(writeUp.analysis),
    actions: Type.Optional(writeUp.actions),
    nextContactAt: Type.Optional(Nullable(nextContactAt)),
  },
  {
    $id: 'ContactCorrection',
    description:
      'A correction of a contact’s content: the fields sent replace the current ones, as a new version; the version replaced stays readable under `/corrections`. The times of the contact and of its write-up drive its clocks and are not corrected here.',
  },
)
export const ContactSchema = Type.Object(
  {
    id: Uuid(),
    interventionId: Uuid(),
    familyId: Uuid(),
    teamId: Uuid(),
    practitionerId: Nullable(Uuid()),
    occurredAt: InstantOut(),
    recordedAt: Nullable(InstantOut({ description: 'When it was written up; null while the contact is due to be written up' })),
    durationMinutes: Type.Integer(),
    location: Type.String(),
    purpose: Type.String(),
    present: Type.Array(Type.String()),
    childSeenAlone: Type.Boolean(),
    voiceOfChild: Nullable(Type.String()),
    observations: Nullable(Type.String()),
    analysis: Nullable(Type.String()),
    actions: Nullable(Type.String()),
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
export type ContactWriteUp = Static<typeof ContactWriteUpSchema>
export type ContactCorrection = Static<typeof ContactCorrectionSchema>
