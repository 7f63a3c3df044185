import type { Insertable } from 'kysely'
import type { Db } from '../db/database.js'
import type { CorrectedRecordType, RecordCorrectionsTable } from '../db/tables/record-correction.table.js'

export const insertCorrection = (db: Db, row: Insertable<RecordCorrectionsTable>) =>
  db.insertInto('recordCorrections').values(row).returningAll().executeTakeFirstOrThrow()

/** The corrections of one record, oldest first: the first one's `previous` is the record as first saved. */
export const listCorrections = (db: Db, recordType: CorrectedRecordType, recordId: string) =>
  db.selectFrom('recordCorrections').selectAll().where('recordType', '=', recordType).where('recordId', '=', recordId).orderBy('version').execute()
