import { v7 as uuidv7 } from 'uuid'
import type { ChangeContext } from '../context.js'
import type { Db } from '../db/database.js'
import { runInTransaction } from '../db/transaction.js'
import { assertTeamVisible } from '../http/context.js'
import { conflict, invalidField, invalidReference, notFound, ProblemError } from '../http/problems.js'
import { findMeasure } from '../outcome-measures/catalogue.js'
import { lockInterventionById } from './intervention.repository.js'
import { assertOpen, changeIntervention, stepTime } from './intervention.service.js'

export async function selectMeasures(
  db: Db,
  ctx: ChangeContext,
  id: string,
  input: { measureIds: string[]; selectedBy: string[]; selectedAt?: string },
  expected: number | null,
) {
  input.measureIds.forEach((m, i) => {
    if (!findMeasure(m)) throw invalidReference(`measureIds[${i}]`, `outcome measure ${m}`)
  })
  return changeIntervention(db, ctx, id, expected, async (trx, current) => {
    assertOpen(current)
    const selectedAt = stepTime(ctx, current, 'selectedAt', input.selectedAt)
    await trx
      .insertInto('interventionOutcomeMeasures')
      .values(
        input.measureIds.map((measureId) => ({
          interventionId: id,
          measureId,
          selectedBy: JSON.stringify(input.selectedBy),
          selectedAt,
          createdByKeyId: ctx.caller.keyId,
        })),
      )
      .onConflict((oc) => oc.columns(['interventionId', 'measureId']).doNothing())
      .execute()
    return { set: {}, events: [] }
  })
}

/** Records one score (1–10) of a selected, scored measure by phase and perspective; perspectives may disagree, and all are kept. */
export async function recordScore(
  db: Db,
  ctx: ChangeContext,
  id: string,
  input: {
    measureId: string
    phase: 'start' | 'review' | 'end'
    perspective: 'social_worker' | 'practitioner' | 'child' | 'parent_carer'
    score: number
    recordedAt?: string
    notes?: string
  },
) {
  const measure = findMeasure(input.measureId)
  if (!measure) throw invalidReference('measureId', `outcome measure ${input.measureId}`)
  if (!measure.scored) throw invalidField('measureId', 'is a baseline measure: it is recorded at the follow-up, not scored')
  return runInTransaction(db, async (trx) => {
    const current = await lockInterventionById(trx, id)
    if (!current) throw notFound(`Intervention ${id}`)
    assertTeamVisible(ctx.caller, current.teamId, `Intervention ${id}`)
    const recordedAt = stepTime(ctx, current, 'recordedAt', input.recordedAt)
    if (current.status === 'ended' && input.phase !== 'end') throw conflict('The intervention has ended; only end scores can still be recorded')
    const selected = await trx
      .selectFrom('interventionOutcomeMeasures')
      .select('measureId')
      .where('interventionId', '=', id)
      .where('measureId', '=', input.measureId)
      .executeTakeFirst()
    if (!selected)
      throw new ProblemError('unprocessable', `Measure ${input.measureId} is not selected for this intervention`, [
        { in: 'body', field: 'measureId', message: 'is not selected for this intervention; select it first' },
      ])
    const duplicate = await trx
      .selectFrom('outcomeScores')
      .select('id')
      .where('interventionId', '=', id)
      .where('measureId', '=', input.measureId)
      .where('phase', '=', input.phase)
      .where('perspective', '=', input.perspective)
      .executeTakeFirst()
    if (duplicate)
      throw conflict(`The ${input.perspective} ${input.phase} score of ${input.measureId} is already recorded: /interventions/${id}/outcome-scores`)
    const row = await trx
      .insertInto('outcomeScores')
      .values({
        id: uuidv7(),
        interventionId: id,
        measureId: input.measureId,
        phase: input.phase,
        perspective: input.perspective,
        score: input.score,
        recordedAt,
        notes: input.notes ?? null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        createdByKeyId: ctx.caller.keyId,
        updatedByKeyId: ctx.caller.keyId,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    const { createdByKeyId: _c, updatedByKeyId: _u, ...score } = row
    return score
  })
}

/**
 * A case recording (000 §13). The contact's occurrence stops the intervention's weekly-contact clock and
 * starts the next (000 §14), and starts the contact's own recording clock, which its recording stops.
 */
