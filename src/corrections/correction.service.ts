import { v7 as uuidv7 } from 'uuid'
import type { ChangeContext } from '../context.js'
import type { Db } from '../db/database.js'
import type { CorrectedRecordType, RecordCorrectionRow } from '../db/tables/record-correction.table.js'
import { insertCorrection, listCorrections } from './correction.repository.js'

export interface CorrectionNote {
  correctedBy: string
  reason: string
}

/**
 * Keeps the version of a record that a correction replaces, with who corrected it and why: the record
 * itself holds the latest version (which reports read), and every earlier one stays readable.
 */
export const keepReplacedVersion = (
  trx: Db,
  ctx: ChangeContext,
  record: { type: CorrectedRecordType; id: string; teamId: string; version: number; previous: Record<string, unknown> },
  note: CorrectionNote,
) =>
  insertCorrection(trx, {
    id: uuidv7(),
    recordType: record.type,
    recordId: record.id,
    teamId: record.teamId,
    version: record.version,
    previous: JSON.stringify(record.previous),
    correctedBy: note.correctedBy,
    reason: note.reason,
    correctedAt: ctx.now,
    createdByKeyId: ctx.caller.keyId,
  })

const present = ({ recordType: _t, recordId: _r, teamId: _team, createdByKeyId: _k, ...row }: RecordCorrectionRow) => row

/** The corrections of a record, oldest first. */
export const correctionsOf = async (db: Db, type: CorrectedRecordType, id: string) => ({ items: (await listCorrections(db, type, id)).map(present) })
