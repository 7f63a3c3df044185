import type { Insertable } from 'kysely'
import type { Db } from '../db/database.js'
import type { InterventionOutcomeMeasuresTable, OutcomeScoresTable } from '../db/tables/intervention.table.js'

type NewSelection = Omit<Insertable<InterventionOutcomeMeasuresTable>, 'createdAt'>
type NewScore = Omit<Insertable<OutcomeScoresTable>, 'createdAt' | 'updatedAt'>
type ScoreKey = Pick<NewScore, 'interventionId' | 'measureId' | 'phase' | 'perspective'>

/** The measures selected for a page of interventions, in one query. */
export const selectedMeasuresOf = (db: Db, interventionIds: string[]) =>
  interventionIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('interventionOutcomeMeasures')
        .selectAll()
        .where('interventionId', 'in', interventionIds)
        .orderBy('selectedAt')
        .orderBy('measureId')
        .execute()

export const isMeasureSelected = async (db: Db, interventionId: string, measureId: string) =>
  (await db
    .selectFrom('interventionOutcomeMeasures')
    .select('measureId')
    .where('interventionId', '=', interventionId)
    .where('measureId', '=', measureId)
    .executeTakeFirst()) !== undefined

/** Selects measures for an intervention; a measure selected before keeps its first selection. */
export const insertSelectedMeasures = (db: Db, rows: NewSelection[], now: Date) =>
  db
    .insertInto('interventionOutcomeMeasures')
    .values(rows.map((row) => ({ ...row, createdAt: now })))
    .onConflict((oc) => oc.columns(['interventionId', 'measureId']).doNothing())
    .execute()

export const listScores = (db: Db, interventionId: string) =>
  db.selectFrom('outcomeScores').selectAll().where('interventionId', '=', interventionId).orderBy('measureId').orderBy('phase').orderBy('perspective').execute()

export const findScore = (db: Db, key: ScoreKey) =>
  db
    .selectFrom('outcomeScores')
    .select('id')
    .where('interventionId', '=', key.interventionId)
    .where('measureId', '=', key.measureId)
    .where('phase', '=', key.phase)
    .where('perspective', '=', key.perspective)
    .executeTakeFirst()

export const insertScore = (db: Db, row: NewScore, now: Date) =>
  db
    .insertInto('outcomeScores')
    .values({ ...row, createdAt: now, updatedAt: now })
    .returningAll()
    .executeTakeFirstOrThrow()

/** Locks one score of an intervention for a correction. */
export const lockScore = (db: Db, interventionId: string, scoreId: string) =>
  db.selectFrom('outcomeScores').selectAll().where('id', '=', scoreId).where('interventionId', '=', interventionId).forUpdate().executeTakeFirst()

/** Updates a score as its next version. */
export const updateScore = (db: Db, id: string, version: number, change: { score: number; notes: string | null; updatedByKeyId: string | null }, now: Date) =>
  db
    .updateTable('outcomeScores')
    .set({ ...change, version: version + 1, updatedAt: now })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirstOrThrow()

/** The measures and phases scored, from any perspective, for a page of interventions, in one query. */
export const scoredPhasesOf = (db: Db, interventionIds: string[]) =>
  interventionIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('outcomeScores').select(['interventionId', 'measureId', 'phase']).distinct().where('interventionId', 'in', interventionIds).execute()
