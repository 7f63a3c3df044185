export { viewClock } from './clock-view.js'
export { computeDue, dueSoonFrom, type Due } from './due.js'
export { applyResume, planClockChanges } from './engine.js'
export { EVENT_TYPES, PAUSE_EVENT, RESUME_EVENT, eventSubjectType, isEventType, type EventType } from './event-types.js'
export { explainClock, type ClockExplanation, type ClockPause, type ExplainedDay } from './explain.js'
export { PRESET_IDS, type PresetId } from './preset-ids.js'
export { PresetError, parsePreset } from './preset-validation.js'
export { findStandard, loadPresets, presets } from './presets.js'
export { blockStatus, slaBlock, type ClockView, type SlaStatus, type TargetUnit } from './sla-block.js'
export {
  BREACH_ACTIONS,
  ServiceStandardSchema,
  SlaEventTypeSchema,
  StandardTargetSchema,
  StandardsPresetSchema,
  TARGET_UNITS,
  slaSchemas,
  type BreachAction,
  type Standard,
  type StandardTarget,
  type StandardsPreset,
} from './standard.schema.js'
export { SUBJECT_TYPES, ancestorsOf, type SubjectType } from './subjects.js'
export type { ClockChange, ClockRow, OpenClock, SlaEvent, SubjectRef } from './types.js'
