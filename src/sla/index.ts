export { breachActionAt } from './breach-action.js'
export { viewClock } from './clock-view.js'
export { computeDue, dueSoonFrom, type Due } from './due.js'
export { applyClockChange, isOpen, rescheduleClock, scheduleOf, startClock, type ClockCalendar, type ClockEffect, type ClockOutcome, type ClockSchedule, type Scheduled } from './clock-state.js'
export { applyResume, planClockChanges, type ClockRules } from './engine.js'
export { DATED_EVENTS, EVENT_TYPES, PAUSE_EVENT, RESUME_EVENT, eventSubjectType, isEventType, type EventType } from './event-types.js'
export { explainClock, type ClockExplanation, type ClockPause, type ExplainedDay } from './explain.js'
export { PRESET_IDS, type PresetId } from './preset-ids.js'
export { PresetError, parsePreset } from './preset-validation.js'
export { findStandard, loadPresets, presetById, presets } from './presets.js'
export { CLOCK_STATUSES, blockStatus, isOpenStatus, slaBlock, type ClockStatus, type ClockView, type SlaStatus, type TargetUnit } from './sla-block.js'
export {
  BREACH_ACTIONS,
  PresetPolicySchema,
  ServiceStandardSchema,
  SlaEventTypeSchema,
  StandardTargetSchema,
  StandardsPresetSchema,
  TARGET_UNITS,
  slaSchemas,
  type BreachAction,
  type PresetPolicy,
  type Standard,
  type StandardTarget,
  type StandardsPreset,
} from './standard.schema.js'
export { SUBJECT_TYPES, ancestorsOf, type SubjectType } from './subjects.js'
export type { ClockChange, ClockRow, ClockState, OpenClock, SlaEvent, SubjectRef, WorkRef } from './types.js'
