import { Type } from '@sinclair/typebox'
import { Strict, StringEnum } from '../schema/helpers.js'
import { MEASURE_CATEGORIES, PHASES } from './catalogue.js'

export const OutcomeMeasureSchema = Type.Object(
  {
    id: Type.String({ description: 'Stable id, e.g. `family-housing`' }),
    category: StringEnum(MEASURE_CATEGORIES),
    title: Type.String(),
    scored: Type.Boolean({
      description: 'Scored 1–10 (at `phases`); baseline measures are instead recorded (achieved or not) at the 6-month follow-up',
    }),
    phases: Type.Array(StringEnum(PHASES), {
      description:
        'The phases it is scored at: start, review and end; `end` only for a specialist’s assessment at the end of the work (000 Appendix 2); none for a baseline measure',
    }),
  },
  { $id: 'OutcomeMeasure' },
)
export const OutcomeMeasureListSchema = Type.Object({ items: Type.Array(Type.Unsafe(Type.Ref('OutcomeMeasure'))) }, { $id: 'OutcomeMeasureList' })
export const OutcomeMeasureListQuery = Strict({ category: Type.Optional(StringEnum(MEASURE_CATEGORIES)) })

export const outcomeMeasureSchemas = [OutcomeMeasureSchema, OutcomeMeasureListSchema]
