import type { Db } from '../db/database.js'
import type { SlaClockRow } from '../db/schema.js'
import { FINAL_STATUSES } from '../service-requests/service-request.schemas.js'
import { slaBlock, viewClock, type ClockView } from '../sla/index.js'
import { toClockRow } from './clock.repository.js'
import { workingCalendars } from './working-calendars.js'

type Block = ReturnType<typeof slaBlock>

/** Each clock as of `asOf`, by id; clocks not yet started then are left out. */
export async function viewClocks(db: Db, rows: SlaClockRow[], asOf: Date): Promise<Map<string, ClockView>> {
  const calendars = await workingCalendars(db, rows.map((r) => r.calendarId))
  const views = new Map<string, ClockView>()
  for (const row of rows) {
    const clock = toClockRow(row)
    const view = viewClock(clock, clock, calendars.get(row.calendarId)!, asOf)
    if (view) views.set(row.id, view)
  }
  return views
}

const byDue = (a: SlaClockRow, b: SlaClockRow) =>
  a.dueAt.getTime() - b.dueAt.getTime() || a.startedAt.getTime() - b.startedAt.getTime() || a.id.localeCompare(b.id)

/** One block per key, its clocks ordered by due instant, then start, then id. */
async function blocksBy(db: Db, rows: SlaClockRow[], keys: string[], keyOf: (row: SlaClockRow) => string, asOf: Date): Promise<Map<string, Block>> {
  const views = await viewClocks(db, rows, asOf)
  const grouped = new Map<string, ClockView[]>(keys.map((k) => [k, []]))
  for (const row of [...rows].sort(byDue)) {
    const view = views.get(row.id)
    if (view) grouped.get(keyOf(row))?.push(view)
  }
  return new Map(keys.map((k) => [k, slaBlock(asOf, grouped.get(k)!)]))
}

/** The SLA blocks of many subjects (a page of requests, allocations, ...), their clocks read in one query. */
export async function slaBlocksForSubjects(db: Db, subjectIds: string[], asOf: Date): Promise<Map<string, Block>> {
  const rows = subjectIds.length === 0 ? [] : await db.selectFrom('slaClocks').selectAll().where('subjectId', 'in', subjectIds).execute()
  return blocksBy(db, rows, subjectIds, (r) => r.subjectId, asOf)
}

/**
 * The SLA blocks of many families (api.md): every clock of the family that is open, wherever it hangs (an
 * open final audit stays after its intervention ended), plus the verdicts of its open work: the stopped
 * clocks of a request that is not finished (declined, returned, withdrawn or ended).
 */
export async function slaBlocksForFamilies(db: Db, familyIds: string[], asOf: Date): Promise<Map<string, Block>> {
  const rows = familyIds.length === 0 ? [] : await db
    .selectFrom('slaClocks')
    .selectAll('slaClocks')
    .leftJoin('serviceRequests', 'serviceRequests.id', 'slaClocks.serviceRequestId')
    .where('slaClocks.familyId', 'in', familyIds)
    .where((eb) => eb.or([
      eb.and([eb('slaClocks.completedAt', 'is', null), eb('slaClocks.closedAt', 'is', null)]),
      eb.and([eb('slaClocks.serviceRequestId', 'is not', null), eb('serviceRequests.status', 'not in', [...FINAL_STATUSES])]),
    ]))
    .execute()
  return blocksBy(db, rows, familyIds, (r) => r.familyId, asOf)
}
