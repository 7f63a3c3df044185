import { presets, type StandardsPreset } from '../sla/index.js'

export function presetById(id: string): StandardsPreset {
  const preset = (presets() as Record<string, StandardsPreset>)[id]
  if (!preset) throw new Error(`unknown standards preset ${id}`)
  return preset
}

/**
 * Whether a request needs recorded consent to be received. Level 3 Targeted Support (document 002)
 * obtains consent at the initial home visit, after the request; every other service requires it first
 * (000 §8: without consent the request "will not progress"; 004: consent is mandatory).
 */
export const requiresConsentAtRequest = (presetId: string): boolean => presetId !== 'level-3'
