import type { Transaction } from 'kysely'
import type { Database } from '../db/schema.js'

type Trx = Transaction<Database>

/**
 * A team's preset and calendar, its row locked with key share to the end of the change: the preset
 * cannot change under a change that starts or stops clocks by it (a preset change locks the row for update).
 */
export const lockTeamForClocks = (trx: Trx, teamId: string) =>
  trx.selectFrom('teams').select(['standardsPreset', 'calendarId']).where('id', '=', teamId).forKeyShare().executeTakeFirstOrThrow()

/** A calendar's row, locked with key share to the end of the change: its days cannot change under the clocks counted by them. */
export const lockCalendarForClocks = (trx: Trx, calendarId: string) =>
  trx.selectFrom('calendars').selectAll().where('id', '=', calendarId).forKeyShare().executeTakeFirstOrThrow()

/** The calendars whose days changed, in id order (the change holds them locked for update). */
export const findCalendarsByIds = (trx: Trx, calendarIds: string[]) =>
  calendarIds.length === 0 ? Promise.resolve([]) : trx.selectFrom('calendars').selectAll().where('id', 'in', calendarIds).orderBy('id').execute()
