import { findMeasure } from './catalogue.js'

export interface ScoreGap {
  measureId: string
  phase: 'start' | 'review' | 'end'
}

/**
 * 000 §7: each selected measure is scored at the start, at the review and at the end. A phase is missing
 * when the intervention has reached it (a review held; the ending) and the measure has no score for it
 * from any perspective; the start is expected as soon as there is a review or an ending. Each measure is
 * expected at its own phases only: a specialist's end-of-work assessment at the end (Appendix 2), a
 * baseline measure never (it is recorded at the follow-up).
 */
export function missingScores(
  state: { reviewHeld: boolean; ended: boolean },
  selected: readonly string[],
  scored: readonly { measureId: string; phase: string }[],
): ScoreGap[] {
  const phases: ScoreGap['phase'][] = []
  if (state.reviewHeld || state.ended) phases.push('start')
  if (state.reviewHeld) phases.push('review')
  if (state.ended) phases.push('end')
  const has = new Set(scored.map((s) => `${s.measureId} ${s.phase}`))
  return selected.flatMap((measureId) => {
    const own = findMeasure(measureId)?.phases ?? []
    return phases.filter((phase) => own.includes(phase) && !has.has(`${measureId} ${phase}`)).map((phase) => ({ measureId, phase }))
  })
}
