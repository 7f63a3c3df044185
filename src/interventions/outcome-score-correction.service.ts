import type { ChangeContext } from '../context.js'
import { keepReplacedVersion } from '../corrections/correction.service.js'
import type { Db } from '../db/database.js'
import { runInTransaction } from '../db/transaction.js'
import { assertTeamVisible } from '../http/context.js'
import { notFound } from '../http/problems.js'
import { lockInterventionById } from './intervention.repository.js'
import { lockScore, updateScore } from './outcome-score.repository.js'
import type { OutcomeScoreCorrection } from './outcome-score.schemas.js'

/**
 * Corrects a score as a new version, keeping the version replaced with who corrected it and why; the
 * outcome report reads the latest. Allowed after the ending too: a wrong score stays wrong otherwise.
 */
export const correctScore = (db: Db, ctx: ChangeContext, interventionId: string, scoreId: string, input: OutcomeScoreCorrection) =>
  runInTransaction(db, async (trx) => {
    const intervention = await lockInterventionById(trx, interventionId)
    if (!intervention) throw notFound(`Intervention ${interventionId}`)
    assertTeamVisible(ctx.caller, intervention.teamId, `Intervention ${interventionId}`)
    const score = await lockScore(trx, interventionId, scoreId)
    if (!score) throw notFound(`Outcome score ${scoreId}`)
    const { createdByKeyId: _c, updatedByKeyId: _u, ...previous } = score
    await keepReplacedVersion(trx, ctx, { type: 'outcome_score', id: score.id, teamId: intervention.teamId, version: score.version, previous }, input)
    const row = await updateScore(
      trx,
      score.id,
      score.version,
      { score: input.score, notes: input.notes === undefined ? score.notes : input.notes, updatedByKeyId: ctx.caller.keyId },
      ctx.now,
    )
    const { createdByKeyId: _rc, updatedByKeyId: _ru, ...corrected } = row
    return corrected
  })
