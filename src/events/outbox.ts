import type { Transaction } from 'kysely'
import type { Database } from '../db/schema.js'
import type { ChangeContext } from '../http/context.js'

export interface DomainEvent {
  type: string
  subjectType: string
  subjectId: string
  familyId?: string | null
  teamId?: string | null
  /** When it happened in the world; defaults to now. */
  occurredAt?: Date
  data?: Record<string, unknown>
}

/**
 * Appends domain events to the outbox inside the change's own transaction, with who made the change.
 * Each row also takes its transaction's id (column `tx`, a default): the feed orders by it so that it
 * is gap-free without serialising writers (see feed.repository.ts).
 */
export async function recordEvents(trx: Transaction<Database>, ctx: ChangeContext, events: DomainEvent[]): Promise<void> {
  if (events.length === 0) return
  await trx
    .insertInto('events')
    .values(
      events.map((e) => ({
        type: e.type,
        subjectType: e.subjectType,
        subjectId: e.subjectId,
        familyId: e.familyId ?? null,
        teamId: e.teamId ?? null,
        occurredAt: e.occurredAt ?? ctx.now,
        apiKeyId: ctx.caller.keyId,
        actingUser: ctx.caller.actingUser,
        requestId: ctx.requestId,
        data: JSON.stringify(e.data ?? {}),
      })),
    )
    .execute()
}
