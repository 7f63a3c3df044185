import { Type } from '@sinclair/typebox'
import { Strict, StringEnum } from '../schema/helpers.js'
import { MEASURE_CATEGORIES } from './catalogue.js'

export const OutcomeMeasureSchema = Type.Object(
  {
    id: Type.String({ description: 'Stable id, e.g. `family-housing`' }),
    category: StringEnum(MEASURE_CATEGORIES),
    title: Type.String(),
    scored: Type.Boolean({
      description: 'Scored 1–10 at start, review and end; baseline measures are instead recorded (achieved or not) at the 6-month follow-up',
    }),
  },
  { $id: 'OutcomeMeasure' },
)
export const OutcomeMeasureListSchema = Type.Object({ items: Type.Array(Type.Unsafe(Type.Ref('OutcomeMeasure'))) }, { $id: 'OutcomeMeasureList' })
export const OutcomeMeasureListQuery = Strict({ category: Type.Optional(StringEnum(MEASURE_CATEGORIES)) })

export const outcomeMeasureSchemas = [OutcomeMeasureSchema, OutcomeMeasureListSchema]
