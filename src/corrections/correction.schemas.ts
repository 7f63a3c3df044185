import { Type } from '@sinclair/typebox'
import { InstantOut, Uuid } from '../schema/helpers.js'

export const CorrectionSchema = Type.Object(
  {
    id: Uuid(),
    version: Type.Integer({ description: 'The version of the record this correction replaced' }),
    previous: Type.Object({}, { additionalProperties: true, description: 'The record as it was at that version' }),
    correctedBy: Type.String({ description: 'Who made the correction' }),
    reason: Type.String({ description: 'Why it was corrected' }),
    correctedAt: InstantOut(),
  },
  { $id: 'Correction', description: 'A correction of a contact or an outcome score, keeping the version it replaced' },
)
export const CorrectionListSchema = Type.Object(
  { items: Type.Array(Type.Unsafe(Type.Ref('Correction'))) },
  { $id: 'CorrectionList', description: 'Oldest first: the first correction’s `previous` is the record as first saved' },
)

export const correctionSchemas = [CorrectionSchema, CorrectionListSchema]
