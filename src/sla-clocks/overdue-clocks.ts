import { systemContext } from '../context.js'
import type { Db } from '../db/database.js'
import { runInTransaction } from '../db/transaction.js'
import { recordEvents } from '../events/outbox.js'
import { claimOverdueClocks, markOverdueAnnounced } from './clock-schedule.repository.js'

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
      const due = await claimOverdueClocks(trx, now, BATCH)
      if (due.length === 0) return 0
      await markOverdueAnnounced(
        trx,
        due.map((c) => c.id),
        now,
      )
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
