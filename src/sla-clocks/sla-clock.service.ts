import type { ChangeContext, View } from '../context.js'
import { viewOf } from '../context.js'
import type { Db } from '../db/database.js'
import type { SlaClockRow } from '../db/schema.js'
import { runInTransaction } from '../db/transaction.js'
import { recordEvents } from '../events/outbox.js'
import { assertTeamVisible } from '../http/context.js'
import { decodeCursor, toPage } from '../http/pagination.js'
import { conflict, invalidField, notFound } from '../http/problems.js'
import { assertVersion, type VersionCondition } from '../http/versioning.js'
import { explainClock } from '../sla/index.js'
import { workingCalendars } from '../working-calendars/working-calendars.js'
import { lockClockById, setLateReason, toClockRow } from './clock.repository.js'
import { findClockById, listClockRows, pausesOf } from './clock-reads.repository.js'
import { viewClocks } from './sla-blocks.js'
import type { LateReason, SlaClockListFilters } from './sla-clock.schemas.js'

/** Clocks as list entries: the clock as of the view's moment and what it hangs on. */
export async function presentClockEntries(db: Db, rows: SlaClockRow[], view: View) {
  const views = await viewClocks(db, rows, view)
  return rows.flatMap((row) => {
    const shown = views.get(row.id)
    if (!shown) return []
    const { subjectType, subjectId, familyId, teamId, practitionerId, serviceRequestId, lateReason } = row
    return [{ ...shown, subjectType, subjectId, familyId, teamId, practitionerId, serviceRequestId, lateReason }]
  })
}

/** One clock with its pauses and the day-by-day explanation of its due date. */
export async function clockDetail(db: Db, row: SlaClockRow, view: View) {
  const [entry] = await presentClockEntries(db, [row], view)
  if (!entry) throw notFound(`Clock ${row.id} as of ${view.asOf.toISOString()} (it had not started)`)
  const pauses = await pausesOf(db, row.id)
  const calendar = (await workingCalendars(db, view.calendars, [row.calendarId])).get(row.calendarId)
  if (!calendar) throw new Error(`Calendar ${row.calendarId} of clock ${row.id} was not found`)
  const explanation = explainClock(
    toClockRow(row),
    calendar,
    view.asOf,
    pauses.map((p) => ({ from: p.pausedAt, to: p.resumedAt, title: 'Suspended' })),
  )
  return { ...entry, pauses, explanation, version: row.version }
}

export async function findVisibleClock(db: Db, id: string, teamId: string | null) {
  const row = await findClockById(db, id)
  if (!row || (teamId && row.teamId !== teamId)) throw notFound(`Clock ${id}`)
  return row
}

export async function listClocks(db: Db, query: SlaClockListFilters, view: View, onlyTeamId: string | null) {
  const { limit = 50, cursor, asOf: _asOf, ...filters } = query
  const rows = await listClockRows(db, { ...filters, after: decodeCursor(cursor), limit: limit + 1, onlyTeamId })
  const page = toPage(rows, limit)
  return { items: await presentClockEntries(db, page.items, view), nextCursor: page.nextCursor }
}

/** The reason a clock stopped after its due date; only a clock met late takes one. */
export async function recordLateReason(db: Db, ctx: ChangeContext, id: string, input: LateReason, expectedVersion: VersionCondition) {
  if (input.reason !== undefined && input.lateReason !== undefined) throw invalidField('lateReason', 'is the deprecated name of reason: send reason only')
  const reason = input.reason ?? input.lateReason
  if (reason === undefined) throw invalidField('reason', 'is required')
  await runInTransaction(db, async (trx) => {
    const row = await lockClockById(trx, id)
    if (!row) throw notFound(`Clock ${id}`)
    assertTeamVisible(ctx.caller, row.teamId, `Clock ${id}`)
    assertVersion(row.version, expectedVersion)
    if (!row.completedAt || row.completedAt <= row.dueAt) throw conflict('Only a clock that stopped after its due date takes a late reason')
    await setLateReason(trx, row, reason, ctx.now)
    await recordEvents(trx, ctx, [
      {
        type: 'sla-clock.late-reason-recorded',
        subjectType: 'sla_clock',
        subjectId: id,
        familyId: row.familyId,
        teamId: row.teamId,
        data: { standard: row.standardKey },
      },
    ])
  })
  return clockDetail(db, await findVisibleClock(db, id, null), viewOf(ctx))
}
