import { type Static, Type } from '@sinclair/typebox'
import { PERSPECTIVES, PHASES, SELECTORS } from '../outcome-measures/catalogue.js'
import { Instant, InstantOut, Nullable, Strict, StringEnum, Uuid } from '../schema/helpers.js'

const text = (max: number) => Type.String({ minLength: 1, maxLength: max })
export const MeasureId = (options: { description?: string } = {}) => Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100, ...options })

export const MeasureSelectionCreateSchema = Strict(
  {
    measureIds: Type.Array(MeasureId(), { minItems: 1, maxItems: 30, uniqueItems: true }),
    selectedBy: Type.Array(StringEnum(SELECTORS), { minItems: 1, maxItems: 3, uniqueItems: true, description: 'Who chose them, collaboratively (000 §7)' }),
    selectedAt: Type.Optional(Instant()),
  },
  { $id: 'OutcomeMeasureSelectionCreate' },
)
export const OutcomeScoreCreateSchema = Strict(
  {
    measureId: MeasureId({ description: 'A scored measure selected for this intervention' }),
    phase: StringEnum(PHASES),
    perspective: StringEnum(PERSPECTIVES),
    score: Type.Integer({ minimum: 1, maximum: 10, description: 'The 10-point scale: 1 (worst) to 10 (best)' }),
    recordedAt: Type.Optional(Instant()),
    notes: Type.Optional(text(2000)),
  },
  { $id: 'OutcomeScoreCreate' },
)
export const OutcomeScoreCorrectionSchema = Strict(
  {
    correctedBy: text(200),
    reason: text(2000),
    score: Type.Integer({ minimum: 1, maximum: 10 }),
    notes: Type.Optional(Nullable(text(2000))),
  },
  {
    $id: 'OutcomeScoreCorrection',
    description: 'A corrected score, as a new version with who corrected it and why; the version replaced stays readable at `GET .../corrections`',
  },
)

export const SelectedMeasureSchema = Type.Object(
  { measureId: Type.String(), category: Type.String(), title: Type.String(), selectedBy: Type.Array(Type.String()), selectedAt: InstantOut() },
  { $id: 'SelectedOutcomeMeasure' },
)
export const OutcomeScoreSchema = Type.Object(
  {
    id: Uuid(),
    interventionId: Uuid(),
    measureId: Type.String(),
    phase: StringEnum(PHASES),
    perspective: StringEnum(PERSPECTIVES),
    score: Type.Integer(),
    recordedAt: InstantOut(),
    notes: Nullable(Type.String()),
    createdAt: InstantOut(),
    updatedAt: InstantOut(),
    version: Type.Integer(),
  },
  { $id: 'OutcomeScore' },
)
export const OutcomeScoreListSchema = Type.Object(
  { items: Type.Array(Type.Unsafe<Static<typeof OutcomeScoreSchema>>(Type.Ref('OutcomeScore'))) },
  { $id: 'OutcomeScoreList' },
)

export type MeasureSelectionCreate = Static<typeof MeasureSelectionCreateSchema>
export type OutcomeScoreCreate = Static<typeof OutcomeScoreCreateSchema>
export type OutcomeScoreCorrection = Static<typeof OutcomeScoreCorrectionSchema>
