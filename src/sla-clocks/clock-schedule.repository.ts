import { sql, type Transaction } from 'kysely'
import type { Database } from '../db/schema.js'

type Trx = Transaction<Database>

/**
 * Up to `limit` open, running clocks whose due instant is before `now` and not yet announced, oldest due
 * first, locked for the change; rows another instance holds are skipped (SKIP LOCKED), not waited for.
 */
export const claimOverdueClocks = (trx: Trx, now: Date, limit: number) =>
  trx
    .selectFrom('slaClocks')
    .select(['id', 'familyId', 'teamId', 'standardKey', 'dueDate', 'dueAt', 'subjectType', 'subjectId', 'practitionerId', 'serviceRequestId'])
    .where('completedAt', 'is', null)
    .where('closedAt', 'is', null)
    .where('overdueAnnouncedAt', 'is', null)
    .where('pausedAt', 'is', null)
    .where('dueAt', '<', now)
    .orderBy('dueAt')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute()

export async function markOverdueAnnounced(trx: Trx, clockIds: string[], now: Date): Promise<void> {
  if (clockIds.length === 0) return
  await trx.updateTable('slaClocks').set({ overdueAnnouncedAt: now }).where('id', 'in', clockIds).execute()
}

export interface RescheduledDue {
  id: string
  dueDate: string
  dueAt: Date
  dueSoonAt: Date
}

/**
 * Writes new due dates over open clocks in one statement. A clock whose due instant moved is scheduled
 * again from `now`; one moved back into the future is announced again when it next becomes overdue.
 */
export async function writeRescheduledDues(trx: Trx, dues: RescheduledDue[], now: Date): Promise<void> {
  if (dues.length === 0) return
  const values = sql.join(dues.map((d) => sql`(${d.id}::uuid, ${d.dueDate}::date, ${d.dueAt}::timestamptz, ${d.dueSoonAt}::timestamptz)`))
  await sql`
    UPDATE sla_clocks SET due_date = v.due_date, due_at = v.due_at, due_soon_at = v.due_soon_at, version = version + 1, updated_at = ${now},
      scheduled_at = CASE WHEN v.due_at <> sla_clocks.due_at THEN ${now}::timestamptz ELSE sla_clocks.scheduled_at END,
      overdue_announced_at = CASE WHEN v.due_at > ${now} THEN NULL ELSE sla_clocks.overdue_announced_at END
    FROM (VALUES ${values}) AS v(id, due_date, due_at, due_soon_at)
    WHERE sla_clocks.id = v.id AND sla_clocks.completed_at IS NULL AND sla_clocks.closed_at IS NULL`.execute(trx)
}
