import type { ChangeContext, View } from '../context.js'
import { viewOf } from '../context.js'
import type { Db } from '../db/database.js'
import type { SlaClockRow } from '../db/schema.js'
import { runInTransaction } from '../db/transaction.js'
import { recordEvents } from '../events/outbox.js'
import { assertTeamVisible } from '../http/context.js'
import { decodeCursor, toPage } from '../http/pagination.js'
import { conflict, notFound } from '../http/problems.js'
import { assertVersion } from '../http/versioning.js'
import { explainClock } from '../sla/index.js'
import { workingCalendars } from '../working-calendars/working-calendars.js'
import { pausesOf, toClockRow } from './clock.repository.js'
import { viewClocks } from './sla-blocks.js'
import type { SlaClockListFilters } from './sla-clock.schemas.js'

/** Clocks as list entries: the clock as of the view's moment and what it hangs on. */
export async function presentClockEntries(db: Db, rows: SlaClockRow[], view: View) {
  const views = await viewClocks(db, rows, view)
  return rows
    .filter((r) => views.has(r.id))
    .map((row) => ({
      ...views.get(row.id)!,
      subjectType: row.subjectType,
      subjectId: row.subjectId,
      familyId: row.familyId,
      teamId: row.teamId,
      practitionerId: row.practitionerId,
      serviceRequestId: row.serviceRequestId,
      lateReason: row.lateReason,
    }))
}

/** One clock with its pauses and the day-by-day explanation of its due date. */
export async function clockDetail(db: Db, row: SlaClockRow, view: View) {
  const [entry] = await presentClockEntries(db, [row], view)
  if (!entry) throw notFound(`Clock ${row.id} as of ${view.asOf.toISOString()} (it had not started)`)
  const pauses = await pausesOf(db, row.id)
  const calendar = (await workingCalendars(db, view.calendars, [row.calendarId])).get(row.calendarId)!
  const explanation = explainClock(
    toClockRow(row),
    calendar,
    view.asOf,
    pauses.map((p) => ({ from: p.pausedAt, to: p.resumedAt, title: 'Suspended' })),
  )
  return { ...entry, pauses, explanation, version: row.version }
}

export async function findVisibleClock(db: Db, id: string, teamId: string | null) {
  const row = await db.selectFrom('slaClocks').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row || (teamId && row.teamId !== teamId)) throw notFound(`Clock ${id}`)
  return row
}

export async function listClocks(db: Db, query: SlaClockListFilters, view: View, onlyTeamId: string | null) {
  const { limit = 50, cursor, subjectId, familyId, teamId, practitionerId, standard, late, lateReasonMissing } = query
  let q = db
    .selectFrom('slaClocks')
    .selectAll()
    .orderBy('id')
    .limit(limit + 1)
  const after = decodeCursor(cursor)
  if (after) q = q.where('id', '>', after)
  if (onlyTeamId) q = q.where('teamId', '=', onlyTeamId)
  if (teamId) q = q.where('teamId', '=', teamId)
  if (subjectId) q = q.where('subjectId', '=', subjectId)
  if (familyId) q = q.where('familyId', '=', familyId)
  if (practitionerId) q = q.where('practitionerId', '=', practitionerId)
  if (standard) q = q.where('standardKey', '=', standard)
  if (late) q = q.where((eb) => eb('completedAt', '>', eb.ref('dueAt')))
  if (late && lateReasonMissing) q = q.where('lateReason', 'is', null)
  const page = toPage(await q.execute(), limit)
  return { items: await presentClockEntries(db, page.items, view), nextCursor: page.nextCursor }
}

/** The reason a clock stopped after its due date; only a clock met late takes one. */
export async function recordLateReason(db: Db, ctx: ChangeContext, id: string, lateReason: string, expectedVersion: number | null) {
  await runInTransaction(db, async (trx) => {
    const row = await trx.selectFrom('slaClocks').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
    if (!row) throw notFound(`Clock ${id}`)
    assertTeamVisible(ctx.caller, row.teamId, `Clock ${id}`)
    assertVersion(row.version, expectedVersion)
    if (!row.completedAt || row.completedAt <= row.dueAt) throw conflict('Only a clock that stopped after its due date takes a late reason')
    await trx
      .updateTable('slaClocks')
      .set({ lateReason, version: row.version + 1, updatedAt: ctx.now })
      .where('id', '=', id)
      .execute()
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
