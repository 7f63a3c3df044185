import type { Division } from '../calendar/index.js'
import type { Db } from '../db/database.js'

/** Locks every calendar row, so imports run one at a time and no clock is computed on days about to change. */
export async function lockAllCalendars(db: Db): Promise<void> {
  await db.selectFrom('calendars').select('id').forUpdate().execute()
}

/** Replaces a division's official list of bank holidays. */
export async function replaceOfficialHolidays(db: Db, division: Division, holidays: { date: string; title: string }[]): Promise<void> {
  await db.deleteFrom('officialBankHolidays').where('division', '=', division).execute()
  if (holidays.length === 0) return
  await db
    .insertInto('officialBankHolidays')
    .values(holidays.map((h) => ({ division, date: h.date, title: h.title })))
    .execute()
}

/** Every calendar based on these divisions gets a new version; returns their ids. */
export async function bumpCalendarsOfDivisions(db: Db, divisions: Division[], keyId: string | null, now: Date): Promise<string[]> {
  if (divisions.length === 0) return []
  const rows = await db
    .updateTable('calendars')
    .set((eb) => ({ version: eb('version', '+', 1), updatedAt: now, updatedByKeyId: keyId }))
    .where('division', 'in', divisions)
    .returning('id')
    .execute()
  return rows.map((r) => r.id)
}

export async function insertBankHolidayImport(
  db: Db,
  entry: { id: string; apiKeyId: string | null; source: string; coveredYears: number[]; changes: Record<string, unknown> },
  now: Date,
): Promise<void> {
  await db
    .insertInto('bankHolidayImports')
    .values({ ...entry, coveredYears: JSON.stringify(entry.coveredYears), changes: JSON.stringify(entry.changes), importedAt: now })
    .execute()
}
