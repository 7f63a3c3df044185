import { systemContext } from '../context.js'
import type { Db } from '../db/database.js'
import { runInTransaction } from '../db/transaction.js'
import { recordEvents } from '../events/outbox.js'

const BATCH = 500

/**
 * Announces each open clock whose due instant has passed, once: an `sla-clock.overdue` event in the
 * feed, and the clock stamped in the same transaction. Several instances may run it at once: the rows
 * are claimed with SKIP LOCKED. Returns how many it announced.
 */
export async function announceOverdueClocks(db: Db, now: Date, runId = `overdue-clocks-${now.toISOString()}`): Promise<number> {
  const ctx = systemContext(now, runId)
  let total = 0
  for (;;) {
    const announced = await runInTransaction(db, async (trx) => {
      const due = await trx
        .selectFrom('slaClocks')
        .select(['id', 'familyId', 'teamId', 'standardKey', 'dueDate', 'dueAt', 'subjectType', 'subjectId', 'practitionerId', 'serviceRequestId'])
        .where('completedAt', 'is', null)
        .where('closedAt', 'is', null)
        .where('overdueAnnouncedAt', 'is', null)
        .where('pausedAt', 'is', null)
        .where('dueAt', '<', now)
        .orderBy('dueAt')
        .orderBy('id')
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute()
      if (due.length === 0) return 0
      await trx
        .updateTable('slaClocks')
        .set({ overdueAnnouncedAt: now })
        .where(
          'id',
          'in',
          due.map((c) => c.id),
        )
        .execute()
      await recordEvents(
        trx,
        ctx,
        due.map((c) => ({
          type: 'sla-clock.overdue',
          subjectType: 'sla_clock',
          subjectId: c.id,
          familyId: c.familyId,
          teamId: c.teamId,
          occurredAt: c.dueAt,
          data: {
            standard: c.standardKey,
            dueDate: c.dueDate,
            dueAt: c.dueAt.toISOString(),
            subjectType: c.subjectType,
            subjectId: c.subjectId,
            practitionerId: c.practitionerId,
            serviceRequestId: c.serviceRequestId,
          },
        })),
      )
      return due.length
    })
    total += announced
    if (announced < BATCH) return total
  }
}
