import { v7 as uuidv7 } from 'uuid'
import { coveredYears, DIVISIONS, type Division, type Holiday, parseGovUkBankHolidays } from '../calendar/index.js'
import type { ChangeContext } from '../context.js'
import type { Db } from '../db/database.js'
import { runInTransaction } from '../db/transaction.js'
import { recordEvents } from '../events/outbox.js'
import { ProblemError } from '../http/problems.js'
import { rescheduleOpenClocks } from '../sla-clocks/reschedule.js'
import { bankHolidaysOf } from '../working-calendars/working-calendars.js'
import { bumpCalendarsOfDivisions, insertBankHolidayImport, lockAllCalendars, replaceOfficialHolidays } from './bank-holiday.repository.js'

type Change = { added: { date: string; title: string }[]; removed: { date: string; title: string }[] }

/** Dates that became, or stopped being, bank holidays (a retitled holiday is not a change of days). */
function dateChanges(before: Holiday[], after: Holiday[]): Change {
  const beforeDates = new Set(before.map((h) => h.date))
  const afterDates = new Set(after.map((h) => h.date))
  const pick = ({ date, title }: Holiday) => ({ date, title })
  return {
    added: after.filter((h) => !beforeDates.has(h.date)).map(pick),
    removed: before.filter((h) => !afterDates.has(h.date)).map(pick),
  }
}

/**
 * Takes an official GOV.UK bank-holidays.json: validated, stored as each division's official list
 * (which replaces the built-in rules for the years it covers) and in force at once. Calendars whose
 * days changed get a new version. Returns what changed per division.
 */
export async function importBankHolidays(db: Db, ctx: ChangeContext, file: unknown, source: string) {
  const parsed = parseGovUkBankHolidays(file)
  if (!parsed.ok) {
    const errors = parsed.errors.map((e) => ({ in: 'body', field: e.field, message: e.message }))
    throw new ProblemError('validation-error', `Not a valid GOV.UK bank-holidays.json: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, errors)
  }
  return runInTransaction(db, async (trx) => {
    // One import at a time: the calendars of every division are locked for the length of it.
    await lockAllCalendars(trx)
    const changes: Record<string, Change> = {}
    const changed: Division[] = []
    for (const division of DIVISIONS) {
      const before = await bankHolidaysOf(trx, division)
      await replaceOfficialHolidays(trx, division, parsed.data[division])
      const after = await bankHolidaysOf(trx, division)
      const change = dateChanges(before, after)
      changes[division] = change
      if (change.added.length + change.removed.length > 0) changed.push(division)
    }
    const updated = await bumpCalendarsOfDivisions(trx, changed, ctx.caller.keyId, ctx.now)
    // Inside the import's transaction: the clocks move with the days, or neither does.
    const clocksMoved = await rescheduleOpenClocks(trx, ctx, updated, 'bank-holidays.imported')
    const years = [...new Set(DIVISIONS.flatMap((d) => coveredYears(parsed.data[d])))].sort()
    const id = uuidv7()
    await insertBankHolidayImport(trx, { id, apiKeyId: ctx.caller.keyId, source, coveredYears: years, changes }, ctx.now)
    await recordEvents(trx, ctx, [
      { type: 'bank-holidays.imported', subjectType: 'bank_holiday_import', subjectId: id, data: { source, coveredYears: years, changes } },
    ])
    return { id, coveredYears: years, changes, calendarsUpdated: [...updated].sort(), clocksMoved }
  })
}
