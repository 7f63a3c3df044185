import { Type } from '@sinclair/typebox'
import { AsOfQuery, SlaClockSchema } from '../http/schemas.js'
import { InstantOut, Nullable, ref, Strict, StringEnum, Uuid } from '../schema/helpers.js'

export const WEEKLY_CONTACT_STATES = ['on_track', 'due_soon', 'overdue', 'paused', 'not_started'] as const
export type WeeklyContactState = (typeof WEEKLY_CONTACT_STATES)[number]

export const CaseloadSchema = Type.Object(
  {
    practitionerId: Uuid(),
    asOf: InstantOut(),
    caseloadCapacity: Type.Integer(),
    activeFamilies: Type.Integer(),
    items: Type.Array(
      Type.Object({
        familyId: Uuid(),
        familyReference: Type.String(),
        allocationId: Uuid(),
        serviceRequestId: Uuid(),
        allocatedAt: InstantOut(),
        interventionId: Nullable(Uuid()),
        interventionStatus: Nullable(StringEnum(['active', 'suspended'] as const)),
        startedAt: Nullable(InstantOut()),
        nextDue: Nullable(ref(SlaClockSchema)),
        weeklyContact: Type.Object({
          status: StringEnum(WEEKLY_CONTACT_STATES, { description: '`not_started` before the intervention starts (or in a preset without weekly contact)' }),
          onTrack: Type.Boolean({ description: 'True unless the weekly contact clock is overdue or due soon' }),
          lastContactAt: Nullable(InstantOut()),
          dueDate: Nullable(Type.String({ format: 'date' })),
        }),
      }),
    ),
  },
  { $id: 'Caseload' },
)
export const CaseloadQuery = Strict({ ...AsOfQuery })
export const caseloadSchemas = [CaseloadSchema]
