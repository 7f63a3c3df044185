export { breachActionAt } from './breach-action.js'
export {
  applyClockChange,
  type ClockCalendar,
  type ClockEffect,
  type ClockOutcome,
  type ClockSchedule,
  isOpen,
  rescheduleClock,
  type Scheduled,
  scheduleOf,
  startClock,
} from './clock-state.js'
export { viewClock } from './clock-view.js'
export { computeDue, type Due, dueSoonFrom } from './due.js'
export { applyResume, type ClockRules, planClockChanges } from './engine.js'
export { DATED_EVENTS, EVENT_TYPES, type EventType, eventSubjectType, isEventType, PAUSE_EVENT, RESUME_EVENT } from './event-types.js'
export { type ClockExplanation, type ClockPause, type ExplainedDay, explainClock } from './explain.js'
export { PRESET_IDS, type PresetId } from './preset-ids.js'
export { PresetError, parsePreset } from './preset-validation.js'
export { findStandard, loadPresets, presetById, presets } from './presets.js'
export { blockStatus, CLOCK_STATUSES, type ClockStatus, type ClockView, isOpenStatus, type SlaStatus, slaBlock, type TargetUnit } from './sla-block.js'
export {
  BREACH_ACTIONS,
  type BreachAction,
  type PresetPolicy,
  PresetPolicySchema,
  ServiceStandardSchema,
  SlaEventTypeSchema,
  type Standard,
  type StandardsPreset,
  StandardsPresetSchema,
  type StandardTarget,
  StandardTargetSchema,
  slaSchemas,
  TARGET_UNITS,
} from './standard.schema.js'
export { ancestorsOf, SUBJECT_TYPES, type SubjectType } from './subjects.js'
export type { ClockChange, ClockRow, ClockState, OpenClock, SlaEvent, SubjectRef, WorkRef } from './types.js'
