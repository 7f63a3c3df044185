import { v7 as uuidv7 } from 'uuid'
import type { Caller, ChangeContext } from '../context.js'
import type { Db } from '../db/database.js'
import { runInTransaction } from '../db/transaction.js'
import { assertTeamVisible } from '../http/context.js'
import { conflict, invalidField, invalidReference, notFound, ProblemError } from '../http/problems.js'
import type { VersionCondition } from '../http/versioning.js'
import { findMeasure } from '../outcome-measures/catalogue.js'
import { lockInterventionById } from './intervention.repository.js'
import { assertOpen, stepTime } from './intervention.rules.js'
import { changeIntervention, visibleIntervention } from './intervention.service.js'
import { findScore, insertScore, insertSelectedMeasures, isMeasureSelected, listScores } from './outcome-score.repository.js'
import type { MeasureSelectionCreate, OutcomeScoreCreate } from './outcome-score.schemas.js'

/** Selects outcome measures with the family, social worker and practitioner (000 §7). */
export async function selectMeasures(db: Db, ctx: ChangeContext, id: string, input: MeasureSelectionCreate, expected: VersionCondition) {
  input.measureIds.forEach((m, i) => {
    if (!findMeasure(m)) throw invalidReference(`measureIds[${i}]`, `outcome measure ${m}`)
  })
  return changeIntervention(db, ctx, id, expected, async (trx, current) => {
    assertOpen(current)
    const selectedAt = stepTime(ctx, current, 'selectedAt', input.selectedAt)
    await insertSelectedMeasures(
      trx,
      input.measureIds.map((measureId) => ({
        interventionId: id,
        measureId,
        selectedBy: JSON.stringify(input.selectedBy),
        selectedAt,
        createdByKeyId: ctx.caller.keyId,
      })),
      ctx.now,
    )
    return { set: {}, events: [] }
  })
}

/** Records one score (1–10) of a selected, scored measure by phase and perspective; perspectives may disagree, and all are kept. */
export async function recordScore(db: Db, ctx: ChangeContext, id: string, input: OutcomeScoreCreate) {
  const measure = findMeasure(input.measureId)
  if (!measure) throw invalidReference('measureId', `outcome measure ${input.measureId}`)
  if (!measure.scored) throw invalidField('measureId', 'is a baseline measure: it is recorded at the follow-up, not scored')
  if (!measure.phases.includes(input.phase))
    throw invalidField(
      'phase',
      `${measure.id} is scored at the ${measure.phases.join(', ')} only: the specialist’s assessment at the end of the work (000 Appendix 2)`,
    )
  return runInTransaction(db, async (trx) => {
    const current = await lockInterventionById(trx, id)
    if (!current) throw notFound(`Intervention ${id}`)
    assertTeamVisible(ctx.caller, current.teamId, `Intervention ${id}`)
    const recordedAt = stepTime(ctx, current, 'recordedAt', input.recordedAt)
    if (current.status === 'ended' && input.phase !== 'end') throw conflict('The intervention has ended; only end scores can still be recorded')
    if (!(await isMeasureSelected(trx, id, input.measureId)))
      throw new ProblemError('unprocessable', `Measure ${input.measureId} is not selected for this intervention`, [
        { in: 'body', field: 'measureId', message: 'is not selected for this intervention; select it first' },
      ])
    const key = { interventionId: id, measureId: input.measureId, phase: input.phase, perspective: input.perspective }
    if (await findScore(trx, key))
      throw conflict(`The ${input.perspective} ${input.phase} score of ${input.measureId} is already recorded: /interventions/${id}/outcome-scores`)
    const row = await insertScore(
      trx,
      {
        id: uuidv7(),
        ...key,
        score: input.score,
        recordedAt,
        notes: input.notes ?? null,
        createdByKeyId: ctx.caller.keyId,
        updatedByKeyId: ctx.caller.keyId,
      },
      ctx.now,
    )
    const { createdByKeyId: _c, updatedByKeyId: _u, ...score } = row
    return score
  })
}

/** Every score of an intervention the caller may see, by measure, phase and perspective. */
export async function scoresOf(db: Db, caller: Caller, id: string) {
  await visibleIntervention(db, caller, id)
  const rows = await listScores(db, id)
  return rows.map(({ createdByKeyId: _c, updatedByKeyId: _u, ...row }) => row)
}
