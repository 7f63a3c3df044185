import type { Transaction } from 'kysely'
import type { EventContext } from '../context.js'
import type { Database } from '../db/schema.js'
import { atEndOf } from '../db/transaction.js'
import type { CatalogueEventType } from './event-catalogue.js'
import { type EventInsert, insertEvents } from './outbox.repository.js'

export interface DomainEvent {
  type: CatalogueEventType
  subjectType: string
  subjectId: string
  familyId?: string | null
  teamId?: string | null
  /** When it happened in the world; defaults to now. */
  occurredAt?: Date
  data?: Record<string, unknown>
  /** For the SLA engine's events: the subject's ancestors, and where the work is filed (replayed by verify:clocks). */
  parentSubjects?: { type: string; id: string }[]
  practitionerId?: string | null
  serviceRequestId?: string | null
  until?: string | null
}

type Row = EventInsert
const pending = new WeakMap<Transaction<Database>, Row[]>()

const toRow = (ctx: EventContext, e: DomainEvent): Row => ({
  type: e.type,
  subjectType: e.subjectType,
  subjectId: e.subjectId,
  familyId: e.familyId ?? null,
  teamId: e.teamId ?? null,
  occurredAt: e.occurredAt ?? ctx.now,
  recordedAt: ctx.now,
  apiKeyId: ctx.caller.keyId,
  actingUser: ctx.caller.actingUser,
  requestId: ctx.requestId,
  data: JSON.stringify(e.data ?? {}),
  parentSubjects: e.parentSubjects ? JSON.stringify(e.parentSubjects) : null,
  practitionerId: e.practitionerId ?? null,
  serviceRequestId: e.serviceRequestId ?? null,
  until: e.until ?? null,
})

/**
 * Appends domain events to the outbox inside the change's own transaction, with who made the change.
 * In a `runInTransaction` change they are written at its end, after every lock it takes: so the events of
 * two changes that touched the same rows are numbered in the order the changes ran, which is what lets
 * `verify:clocks` replay them. Each row also takes its transaction's id (column `tx`, a default): the
 * feed orders by it so that it is gap-free without serialising writers (see feed.repository.ts).
 */
export async function recordEvents(trx: Transaction<Database>, ctx: EventContext, events: DomainEvent[]): Promise<void> {
  if (events.length === 0) return
  const rows = events.map((e) => toRow(ctx, e))
  const queued = pending.get(trx)
  if (queued) {
    queued.push(...rows)
    return
  }
  const deferred = atEndOf(trx, async () => {
    const all = pending.get(trx) ?? []
    pending.delete(trx)
    await insertEvents(trx, all)
  })
  if (deferred) pending.set(trx, rows)
  else await insertEvents(trx, rows)
}
