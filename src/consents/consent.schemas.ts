import { type Static, Type } from '@sinclair/typebox'
import { CONSENT_DECISIONS, CONSENT_OBTAINED_AT, CONSENT_SCOPES } from '../db/tables/consent.table.js'
import { Page, PageQuery } from '../http/schemas.js'
import { Instant, InstantOut, IsoDate, Nullable, ref, Strict, StringEnum, Uuid } from '../schema/helpers.js'

export { CONSENT_DECISIONS, CONSENT_OBTAINED_AT, CONSENT_SCOPES }

const text = (max: number) => Type.String({ minLength: 1, maxLength: max })

export const ConsentGiverSchema = Strict(
  { name: text(200), relationship: text(64) },
  {
    $id: 'ConsentGiver',
    description: 'Who made the decision: a parent or carer, or the young person',
    examples: [{ name: 'Alex Example', relationship: 'parent' }],
  },
)

/** The decision itself, as recorded at the initial visit or on its own. */
export const consentDecisionFields = {
  decision: StringEnum(CONSENT_DECISIONS, { description: 'given, refused, or withdrawn (withdrawal stops the work it covered)' }),
  scopes: Type.Array(StringEnum(CONSENT_SCOPES), {
    minItems: 1,
    uniqueItems: true,
    description: 'What the decision is about: `sharing` information with other agencies, the `service` itself',
  }),
  givenBy: ref(ConsentGiverSchema),
  decidedAt: Type.Optional(Instant({ description: 'When the family decided; defaults to now; not in the future' })),
  recordedBy: text(200),
  revisitOn: Type.Optional(IsoDate({ description: 'Required for a refusal, and only for one: when to revisit the family to see if they reconsider (004)' })),
  notes: Type.Optional(text(5000)),
}

export const ConsentCreateSchema = Strict(
  {
    familyId: Uuid(),
    teamId: Uuid(),
    serviceRequestId: Type.Optional(Uuid({ description: 'The request the decision is about; required to withdraw consent' })),
    ...consentDecisionFields,
  },
  {
    $id: 'ConsentCreate',
    examples: [
      {
        familyId: '0190f0c2-6a1e-7cc2-9a52-1f1d1b6f7a01',
        teamId: '0190f0c2-6a1e-7cc2-9a52-1f1d1b6f7a02',
        decision: 'refused',
        scopes: ['service'],
        givenBy: { name: 'Alex Example', relationship: 'parent' },
        decidedAt: '2026-12-22T15:00:00Z',
        recordedBy: 'Jo Example',
        revisitOn: '2027-02-01',
        notes: 'Alex does not want an Early Help Assessment now; will reconsider after the school holidays',
      },
    ],
  },
)

export const ConsentRecordSchema = Type.Object(
  {
    id: Uuid(),
    familyId: Uuid(),
    teamId: Uuid(),
    serviceRequestId: Nullable(Uuid()),
    allocationId: Nullable(Uuid({ description: 'Set when it was obtained at the allocation’s initial visit (002)' })),
    decision: StringEnum(CONSENT_DECISIONS),
    scopes: Type.Array(StringEnum(CONSENT_SCOPES)),
    givenBy: ref(ConsentGiverSchema),
    obtainedAt: StringEnum(CONSENT_OBTAINED_AT),
    decidedAt: InstantOut(),
    recordedBy: Type.String(),
    revisitOn: Nullable(Type.String({ format: 'date' })),
    notes: Nullable(Type.String()),
    createdAt: InstantOut(),
  },
  { $id: 'ConsentRecord' },
)
export const ConsentRecordPageSchema = Page(Type.Unsafe<Static<typeof ConsentRecordSchema>>(Type.Ref('ConsentRecord')), 'ConsentRecordPage')
export const ConsentListQuery = Strict({
  ...PageQuery,
  familyId: Type.Optional(Uuid()),
  serviceRequestId: Type.Optional(Uuid()),
  decision: Type.Optional(StringEnum(CONSENT_DECISIONS)),
})

export type ConsentCreate = Static<typeof ConsentCreateSchema>
export type ConsentListFilters = Static<typeof ConsentListQuery>
export const consentSchemas = [ConsentGiverSchema, ConsentCreateSchema, ConsentRecordSchema, ConsentRecordPageSchema]
