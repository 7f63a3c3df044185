import { sql } from 'kysely'
import type { Db } from '../db/database.js'

/**
 * Clocks by team and standard at `now`: open (not stopped or closed), overdue and due soon (open and
 * running), and missed (closed after their due instant). One aggregate query; the open counts read the
 * open-clock partial indexes' predicate.
 */
export async function countClocksByTeamAndStandard(db: Db, now: Date) {
  const { rows } = await sql<{ team: string; standard: string; open: string; overdue: string; dueSoon: string; missed: string }>`
    SELECT t.name AS team, c.standard_key AS standard,
           count(*) FILTER (WHERE c.completed_at IS NULL AND c.closed_at IS NULL) AS open,
           count(*) FILTER (WHERE c.completed_at IS NULL AND c.closed_at IS NULL AND c.paused_at IS NULL AND c.due_at < ${now}) AS overdue,
           count(*) FILTER (WHERE c.completed_at IS NULL AND c.closed_at IS NULL AND c.paused_at IS NULL AND c.due_at >= ${now} AND c.due_soon_at <= ${now}) AS due_soon,
           count(*) FILTER (WHERE c.closed_at > c.due_at) AS missed
    FROM sla_clocks c JOIN teams t ON t.id = c.team_id
    WHERE (c.completed_at IS NULL AND c.closed_at IS NULL) OR c.closed_at > c.due_at
    GROUP BY t.name, c.standard_key
  `.execute(db)
  return rows.map((r) => ({ ...r, open: Number(r.open), overdue: Number(r.overdue), dueSoon: Number(r.dueSoon), missed: Number(r.missed) }))
}

/** Webhook deliveries waiting to be sent and those that failed for good, by status. */
export async function countWebhookDeliveries(db: Db) {
  const rows = await db
    .selectFrom('webhookDeliveries')
    .select((eb) => ['status', eb.fn.countAll<string>().as('count')])
    .where('status', 'in', ['pending', 'failed'])
    .groupBy('status')
    .execute()
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.count)])) as Partial<Record<'pending' | 'failed', number>>
}

/** Imports handed to the job queue and not finished, by status, with the lines they have still to apply. */
export async function countUnfinishedImports(db: Db) {
  const { rows } = await sql<{ status: 'queued' | 'running'; imports: number; lines: number }>`
    SELECT i.status, count(*)::int AS imports,
           coalesce(sum(i.total_lines - (SELECT count(*) FROM import_results r WHERE r.import_id = i.id)), 0)::int AS lines
    FROM imports i
    WHERE i.status IN ('queued', 'running')
    GROUP BY i.status
  `.execute(db)
  return rows
}
