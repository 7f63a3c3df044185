import type { PresetId } from './preset-ids.js'
import { PresetError, parsePreset } from './preset-validation.js'
import earlyHelp from './presets/early-help.json' with { type: 'json' }
import level3 from './presets/level-3.json' with { type: 'json' }
import targetedHelp from './presets/targeted-help.json' with { type: 'json' }
import trt from './presets/trt.json' with { type: 'json' }
import type { Standard, StandardsPreset } from './standard.schema.js'

/**
 * The preset files, one per id in preset-ids.ts. Imported (not read from disk) so the build copies them
 * into dist/; the Record type makes a new id without its file a compile error.
 */
const PRESET_FILES: Record<PresetId, unknown> = {
  trt,
  'targeted-help': targetedHelp,
  'level-3': level3,
  'early-help': earlyHelp,
}

const fileName = (id: string) => `src/sla/presets/${id}.json`

/** Validates every preset file and checks each one's id matches its file. */
export function loadPresets(files: Readonly<Record<string, unknown>> = PRESET_FILES): Record<PresetId, StandardsPreset> {
  const presets = {} as Record<string, StandardsPreset>
  for (const [id, json] of Object.entries(files)) {
    const preset = parsePreset(json, fileName(id))
    if (preset.id !== id) throw new PresetError(fileName(id), 'id', `is "${preset.id}"; must be "${id}", the file's name`)
    presets[id] = preset
  }
  return presets as Record<PresetId, StandardsPreset>
}

let cached: Record<PresetId, StandardsPreset> | undefined

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

/** The shipped presets, validated once on first use and frozen, since every caller shares them. */
export function presets(): Readonly<Record<PresetId, StandardsPreset>> {
  cached ??= deepFreeze(loadPresets())
  return cached
}

/** A standard by key; a clock keeps the key of the standard it started under. */
export const findStandard = (preset: StandardsPreset, key: string): Standard | undefined => preset.standards.find((standard) => standard.key === key)

/** A shipped preset by id (a team's `standardsPreset`, or the preset a clock started under). */
export function presetById(id: string): StandardsPreset {
  const preset = (presets() as Readonly<Record<string, StandardsPreset>>)[id]
  if (!preset) throw new RangeError(`Unknown standards preset ${id}`)
  return preset
}
