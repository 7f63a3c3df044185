import { type Static, Type } from '@sinclair/typebox'
import type { StandardsPresetSchema } from '../sla/index.js'

export const StandardsPresetListSchema = Type.Object(
  { items: Type.Array(Type.Unsafe<Static<typeof StandardsPresetSchema>>(Type.Ref('StandardsPreset'))), nextCursor: Type.Null() },
  { $id: 'StandardsPresetList' },
)
