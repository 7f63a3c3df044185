/** Examples of the service standard schemas, for the reference page and the SDK (validated against their schemas by a test). */
import { standardsPreset } from '../sla/standard.examples.js'

export const SERVICE_STANDARD_EXAMPLES: Record<string, unknown> = { StandardsPresetList: { items: [standardsPreset], nextCursor: null } }
