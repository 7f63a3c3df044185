/** The standards presets shipped with the service, one per source service document. */
export const PRESET_IDS = ['trt', 'targeted-help', 'level-3', 'early-help'] as const
export type PresetId = (typeof PRESET_IDS)[number]
