/** Examples of the standards preset schemas, for the reference page and the SDK (validated against their schemas by a test). */
import trt from './presets/trt.json' with { type: 'json' }

/** The Targeted Response Team's preset as served, shortened to its first two standards. */
export const standardsPreset = { ...trt, standards: trt.standards.slice(0, 2) }

export const STANDARD_EXAMPLES: Record<string, unknown> = { StandardsPreset: standardsPreset }
